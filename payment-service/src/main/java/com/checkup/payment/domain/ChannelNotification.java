package com.checkup.payment.domain;

/**
 * What a channel tells us, from its verified notification (or its answer when asked): a payment succeeded or a
 * refund completed.
 *
 * @param orderId null when the channel's message does not name our order (a WeChat Pay refund): then the payment's
 *                own order is taken, the amount still has to match
 * @param kind    SUCCESS or REFUNDED
 * @param audit   what the audit trail keeps of it (the channel's event, never keys); null: the body as received
 */
public record ChannelNotification(String paymentId, String orderId, long amountCents, String kind, String channelTxnId,
                                  String audit) {
    public static final String SUCCESS = "SUCCESS";
    public static final String REFUNDED = "REFUNDED";
    /** A genuine notification of something the platform does not act on (e.g. a refund that failed at the channel). */
    public static final String OTHER = "OTHER";

    public ChannelNotification(String paymentId, String orderId, long amountCents, String kind, String channelTxnId) {
        this(paymentId, orderId, amountCents, kind, channelTxnId, null);
    }
}
