package com.checkup.contracts.payment;

import java.io.Serializable;

/**
 * Payload of payment events on {@link com.checkup.contracts.event.Topics#PAYMENT}: {@link #SUCCEEDED} once per
 * payment that a channel confirmed (signature and amount verified), {@link #REFUNDED} once per completed refund.
 */
public class PaymentEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SUCCEEDED = "payment.succeeded";
    public static final String REFUNDED = "payment.refunded";

    private String paymentId;
    private String orderId;
    private long amountCents;
    private String channel;

    public PaymentEvent() {
    }

    public PaymentEvent(String paymentId, String orderId, long amountCents, String channel) {
        this.paymentId = paymentId;
        this.orderId = orderId;
        this.amountCents = amountCents;
        this.channel = channel;
    }

    public String getPaymentId() {
        return paymentId;
    }

    public void setPaymentId(String paymentId) {
        this.paymentId = paymentId;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }
}
