package com.checkup.payment.domain;

/**
 * What a channel tells us, parsed from its signed body: a payment succeeded or a refund completed.
 *
 * @param kind SUCCESS or REFUNDED
 */
public record ChannelNotification(String paymentId, String orderId, long amountCents, String kind, String channelTxnId) {
    public static final String SUCCESS = "SUCCESS";
    public static final String REFUNDED = "REFUNDED";
}
