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
 */
public record Payment(String id, String orderId, String channel, long amountCents, PaymentStatus status,
                      String channelTxnId, Instant createdAt, Instant updatedAt, String payUrl) {

    public static Payment open(String orderId, String channel, long amountCents, Instant now) {
        if (amountCents <= 0) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Order " + orderId + " has no amount to pay");
        }
        return new Payment("P" + UUID.randomUUID().toString().replace("-", ""), orderId, channel, amountCents,
                PaymentStatus.PENDING, null, now, now, null);
    }

    /**
     * Checks that a notification really is about this payment: same order, same amount. Anything else is refused
     * (and logged by the caller) — a forged or mixed-up callback must never move money state.
     */
    public Payment withPayUrl(String url) {
        return new Payment(id, orderId, channel, amountCents, status, channelTxnId, createdAt, updatedAt, url);
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
