package com.checkup.payment.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.payment.PaymentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to pay an order through a channel. Amounts in cents. Transitions are applied by conditional updates.
 *
 * @param payUrl where the payer pays (a channel's cashier page), once the channel has taken the request; else null
 * @param traceId the trace id of the call that created the payment: what the channel's answers about it are applied
 *                under, so the flow after payment stays in the booking's trace; null for payments from before it was kept
 */
public record Payment(String id, String orderId, String channel, long amountCents, PaymentStatus status,
                      String channelTxnId, Instant createdAt, Instant updatedAt, String payUrl, String traceId) {

    /** @param traceId the trace id of the call creating it (null: none to keep) */
    public static Payment open(String orderId, String channel, long amountCents, Instant now, String traceId) {
        if (amountCents <= 0) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Order " + orderId + " has no amount to pay");
        }
        return new Payment("P" + UUID.randomUUID().toString().replace("-", ""), orderId, channel, amountCents,
                PaymentStatus.PENDING, null, now, now, null, traceId);
    }

    /**
     * Checks that a notification really is about this payment: same order, same amount. Anything else is refused
     * (and logged by the caller) — a forged or mixed-up callback must never move money state.
     */
    public Payment withPayUrl(String url) {
        return new Payment(id, orderId, channel, amountCents, status, channelTxnId, createdAt, updatedAt, url, traceId);
    }

    public void checkMatches(ChannelNotification n) {
        if (n.orderId() != null && !orderId.equals(n.orderId())) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Callback for payment " + id + " names order "
                    + n.orderId() + ", the payment is for " + orderId);
        }
        if (amountCents != n.amountCents()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Callback for payment " + id + " says "
                    + n.amountCents() + " cents, the payment is " + amountCents + " cents");
        }
    }
}
