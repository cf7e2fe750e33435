package com.checkup.payment.persistence;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.payment.domain.Payment;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
        return Optional.ofNullable(mapper.selectOne(new LambdaQueryWrapper<PaymentRow>().eq(PaymentRow::getLiveOrderId, orderId)))
                .map(PaymentRepository::fromRow);
    }

    /** Fails with DuplicateKeyException when the order already has a live payment. */
    public void insert(Payment p) {
        PaymentRow r = new PaymentRow();
        r.setId(p.id());
        r.setOrderId(p.orderId());
        r.setChannel(p.channel());
        r.setAmountCents(p.amountCents());
        r.setStatus(p.status().name());
        r.setLiveOrderId(p.orderId());
        r.setCreatedAt(LocalDateTime.ofInstant(p.createdAt(), ZoneOffset.UTC));
        r.setUpdatedAt(LocalDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC));
        mapper.insert(r);
    }

    /** True if this call moved the payment from {@code from} to {@code to}; false if it was not in {@code from}. */
    public boolean transition(String id, PaymentStatus from, PaymentStatus to, String channelTxnId) {
        return mapper.transition(id, from.name(), to.name(), channelTxnId) == 1;
    }

    /** Settled payments last changed between {@code since} and {@code before}, oldest first. */
    public java.util.List<Payment> settledBetween(java.time.Instant since, java.time.Instant before, int limit) {
        return mapper.settledBetween(LocalDateTime.ofInstant(since, ZoneOffset.UTC),
                LocalDateTime.ofInstant(before, ZoneOffset.UTC), limit).stream().map(PaymentRepository::fromRow).toList();
    }

    public void recordCallback(String channel, String paymentId, String outcome, String body) {
        mapper.recordCallback(channel, paymentId, outcome, body.length() > 2000 ? body.substring(0, 2000) : body);
    }

    private static Payment fromRow(PaymentRow r) {
        return new Payment(r.getId(), r.getOrderId(), r.getChannel(), r.getAmountCents(),
                PaymentStatus.valueOf(r.getStatus()), r.getChannelTxnId(),
                r.getCreatedAt().toInstant(ZoneOffset.UTC), r.getUpdatedAt().toInstant(ZoneOffset.UTC));
    }
}
