package com.checkup.contracts.payment;

/**
 * Payments (payment-service). Money moves only on a channel's signed callback; everything else is a request.
 * Errors: {@code VALIDATION_FAILED}, {@code NOT_FOUND}, {@code CONFLICT}, {@code UNAUTHENTICATED} (bad signature),
 * {@code FORBIDDEN} (a refund asked by an end user).
 */
public interface PaymentService {
    /**
     * Starts paying an unpaid order through a channel (e.g. {@code SIMULATED}); the amount is the order's.
     * Asking again while the payment is open returns the same payment.
     */
    PaymentView pay(String orderId, String channel);

    /**
     * {@link #pay} for a payer at {@code payerAddress} (the IP the request came from, as the gateway saw it): channels
     * whose risk checks want it (WeChat Pay H5's {@code payer_client_ip}) get it. Not an IP literal: ignored.
     */
    PaymentView payFrom(String orderId, String channel, String payerAddress);

    /** A payment; a consumer sees only those of their own orders (another's is NOT_FOUND). */
    PaymentView get(String paymentId);

    /**
     * Asks the channel to give a succeeded payment back; the channel's callback completes it. Repeats are no-ops.
     * Only the platform asks (booking-service after a cancel, ops): end users get FORBIDDEN.
     */
    PaymentView refund(String paymentId, String reason);

    /**
     * A channel's notification, as received on {@code POST /api/payments/callback/{channel}}: the raw body and its
     * HMAC-SHA256 signature (hex). Verified, then applied once however often it is replayed.
     *
     * @return {@code "OK"} when accepted or already applied (the channel stops retrying)
     */
    String callback(String channel, String body, String signature);

    /**
     * A notification of a channel that signs with headers (WeChat Pay API v3), as received on
     * {@code POST /api/payments/notify/{channel}}: the raw body and its {@code Wechatpay-Serial}, {@code -Signature},
     * {@code -Timestamp}, {@code -Nonce} and {@code -Signature-Type} headers. Verified by the channel (signature,
     * replay window, decryption), then applied once; a bad one is UNAUTHENTICATED (the channel sends it again).
     *
     * @return {@code "OK"} when accepted or already applied
     */
    String notification(String channel, String body, String serial, String signature, String timestamp, String nonce,
                        String signatureType);
}
