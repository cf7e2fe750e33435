package com.checkup.payment.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.payment.domain.Payment;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
public class PaymentRepository {
    private final PaymentMapper mapper;

    public PaymentRepository(PaymentMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<Payment> find(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(PaymentRepository::fromRow);
    }

    /** The order's live payment (pending, succeeded or being refunded), if any. */
    public Optional<Payment> findLive(String orderId) {
        return Optional.ofNullable(mapper.selectLive(orderId))
                .map(PaymentRepository::fromRow);
    }

    /** Fails with DuplicateKeyException when the order already has a live payment. */
    public void insert(Payment p) {
        PaymentRow r = new PaymentRow();
        r.id = p.id();
        r.orderId = p.orderId();
        r.channel = p.channel();
        r.amountCents = p.amountCents();
        r.status = p.status().name();
        r.liveOrderId = p.orderId();
        r.createdAt = utc(p.createdAt());
        r.updatedAt = utc(p.updatedAt());
        r.traceId = p.traceId();
        mapper.insert(r);
    }

    /** True if this call moved the payment from {@code from} to {@code to}; false if it was not in {@code from}. */
    public boolean transition(String id, PaymentStatus from, PaymentStatus to, String channelTxnId) {
        return mapper.transition(id, from.name(), to.name(), channelTxnId) == 1;
    }

    /**
     * Settled payments last changed between {@code since} and {@code before}, oldest first (then by id); of those
     * changed exactly at {@code since}, only ids after {@code afterId} ("" for all): the next page after the last row.
     */
    public java.util.List<Payment> settledBetween(java.time.Instant since, String afterId, java.time.Instant before,
                                                  int limit) {
        return mapper.settledBetween(utc(since), afterId, utc(before), limit).stream().map(PaymentRepository::fromRow)
                .toList();
    }

    public void setPayUrl(String id, String url) {
        mapper.setPayUrl(id, url);
    }

    /** Payments in {@code status} last changed between {@code since} and {@code before}, paged as settledBetween. */
    public java.util.List<Payment> waitingBetween(PaymentStatus status, java.time.Instant since, String afterId,
                                                  java.time.Instant before, int limit) {
        return mapper.waitingBetween(status.name(), utc(since), afterId, utc(before), limit).stream()
                .map(PaymentRepository::fromRow).toList();
    }

    /** False when this channel's nonce was seen before (a replayed notification). A missing nonce counts as fresh. */
    public boolean firstUseOfNonce(String channel, String nonce) {
        if (nonce == null || nonce.isBlank()) {
            return true;
        }
        return mapper.rememberNonce(channel, nonce.length() > 64 ? nonce.substring(0, 64) : nonce) == 1;
    }

    /** Forgets nonces seen before {@code before} (their notifications are outside the replay window by then). */
    public int forgetNoncesBefore(java.time.Instant before) {
        return mapper.forgetNonces(utc(before));
    }

    /** Forgets refused unsigned callbacks received before {@code before} (their rows are only a trace of noise). */
    public int forgetRefusedCallbacksBefore(java.time.Instant before) {
        return mapper.forgetRefusedCallbacks(utc(before));
    }

    public void recordCallback(String channel, String paymentId, String outcome, String body) {
        mapper.recordCallback(channel, paymentId, outcome, body.length() > 2000 ? body.substring(0, 2000) : body);
    }

    private static Payment fromRow(PaymentRow r) {
        return new Payment(r.id, r.orderId, r.channel, r.amountCents,
                PaymentStatus.valueOf(r.status), r.channelTxnId,
                instant(r.createdAt), instant(r.updatedAt), r.payUrl, r.traceId);
    }
}
