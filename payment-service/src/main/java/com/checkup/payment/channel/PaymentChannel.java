package com.checkup.payment.channel;

import com.checkup.payment.domain.ChannelNotification;
import com.checkup.payment.domain.Payment;
import com.checkup.payment.domain.CallbackSignature;
import com.checkup.payment.domain.SignedNotification;
import java.util.Optional;

/**
 * A payment channel (WeChat Pay, or the simulated one). Requests go out; results come back as notifications, and a
 * channel that can be asked ({@link #query}) is asked when one is late.
 */
public interface PaymentChannel {
    String name();

    /**
     * Asks the channel to collect the payment; it answers later with a notification. Asking again for the same payment
     * is safe (the channel knows it by our payment id).
     *
     * @param payerAddress the payer's IP literal as the gateway saw it, or null
     * @return where the payer goes to pay (an H5 cashier page), or null when the channel needs no page
     * @throws ChannelUnavailable when the channel did not take the request (network, 5xx, refused)
     */
    String requestPayment(Payment payment, String payerAddress);

    /**
     * True for a channel whose callbacks carry an HMAC of the body under its configured secret ({@link #verify} is not
     * used); false for one that verifies its own notifications, which must then never have such a secret.
     */
    default boolean takesHmacCallbacks() {
        return true;
    }

    /** True when the payer pays on the channel's page ({@link #requestPayment} answers its address). */
    default boolean payerPaysOnAPage() {
        return false;
    }

    /**
     * Asks the channel to close the payment's trade, so the payer can no longer pay it (its order closed unpaid). Safe
     * to repeat. True once no new payment can be made on it: closed now or before, or already paid (the caller asks,
     * {@link #query}, which). The default, for a channel without trades to close, does nothing and answers false.
     *
     * @throws ChannelUnavailable when the channel could not be reached or refused for now
     */
    default boolean close(Payment payment) {
        return false;
    }

    /** Asks the channel to give the money back; it answers later with a REFUNDED notification. Safe to repeat. */
    void requestRefund(Payment payment);

    /**
     * Checks a notification's signature (and freshness) the channel's own way and reads it. Channels whose
     * notifications carry an HMAC of the body ({@link CallbackSignature}) are checked by the caller instead.
     *
     * @throws NotificationRejected when it is not the channel's, altered or stale
     */
    default ChannelNotification verify(SignedNotification notification) {
        throw new NotificationRejected("Channel " + name() + " takes HMAC-signed callbacks, not notifications");
    }

    /** True when {@link #query} and {@link #queryRefund} really ask the channel. */
    default boolean canBeAsked() {
        return false;
    }

    /** What the channel says about the payment now, when it can be asked: SUCCESS once paid, else empty. */
    default Optional<ChannelNotification> query(Payment payment) {
        return Optional.empty();
    }

    /** What the channel says about the payment's refund now: REFUNDED once done, else empty. */
    default Optional<ChannelNotification> queryRefund(Payment payment) {
        return Optional.empty();
    }

    /** The channel could not be reached or refused the request for now: try again later. */
    class ChannelUnavailable extends RuntimeException {
        public ChannelUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A notification that does not verify (bad signature, stale timestamp, cannot be decrypted or read). */
    class NotificationRejected extends RuntimeException {
        public NotificationRejected(String message) {
            super(message);
        }

        public NotificationRejected(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
