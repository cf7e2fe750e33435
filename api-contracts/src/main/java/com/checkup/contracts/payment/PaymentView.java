package com.checkup.contracts.payment;

import java.io.Serializable;

/** A payment as callers see it. Times are ISO-8601 UTC instants. */
public class PaymentView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String paymentId;
    private String orderId;
    private String channel;
    private long amountCents;
    private PaymentStatus status;
    private String channelTxnId;
    private String createdAt;
    private String updatedAt;
    /** Where the payer pays (the channel's cashier page, e.g. WeChat Pay H5); null when the channel needs none. */
    private String payUrl;

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

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }

    public PaymentStatus getStatus() {
        return status;
    }

    public void setStatus(PaymentStatus status) {
        this.status = status;
    }

    public String getChannelTxnId() {
        return channelTxnId;
    }

    public void setChannelTxnId(String channelTxnId) {
        this.channelTxnId = channelTxnId;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getPayUrl() {
        return payUrl;
    }

    public void setPayUrl(String payUrl) {
        this.payUrl = payUrl;
    }
}
