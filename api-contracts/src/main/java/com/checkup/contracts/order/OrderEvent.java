package com.checkup.contracts.order;

import java.io.Serializable;

/**
 * Payload of every order event on {@link com.checkup.contracts.event.Topics#ORDER}; the type (message tag) is one
 * of {@link #CREATED}, {@link #PAID}, {@link #CLOSED}, {@link #REFUNDED}, {@link #FULFILLED}.
 */
public class OrderEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String CREATED = "order.created";
    public static final String PAID = "order.paid";
    public static final String CLOSED = "order.closed";
    public static final String REFUNDED = "order.refunded";
    public static final String FULFILLED = "order.fulfilled";

    private String orderId;
    private String bookingId;
    private String consumerId;
    private String hospitalId;
    private long amountCents;
    private OrderStatus status;
    private String paymentId;
    /** Why an order was closed (e.g. HOLD_EXPIRED, CANCELLED), else null. */
    private String reason;

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public String getBookingId() {
        return bookingId;
    }

    public void setBookingId(String bookingId) {
        this.bookingId = bookingId;
    }

    public String getConsumerId() {
        return consumerId;
    }

    public void setConsumerId(String consumerId) {
        this.consumerId = consumerId;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }

    public OrderStatus getStatus() {
        return status;
    }

    public void setStatus(OrderStatus status) {
        this.status = status;
    }

    public String getPaymentId() {
        return paymentId;
    }

    public void setPaymentId(String paymentId) {
        this.paymentId = paymentId;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
