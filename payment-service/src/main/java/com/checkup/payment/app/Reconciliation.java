package com.checkup.payment.app;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentEvent;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.payment.channel.PaymentChannel;
import com.checkup.payment.channel.PaymentChannels;
import com.checkup.payment.domain.Payment;
import com.checkup.payment.persistence.PaymentRepository;
import com.checkup.platform.events.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds payments whose order disagrees and repairs them through the same state machines:
 * <ul>
 * <li>payment SUCCEEDED, order still CREATED: the order missed it — announce {@code payment.succeeded} again
 * (order-service applies it once);</li>
 * <li>payment SUCCEEDED, order CLOSED or paid by another payment: money was taken for nothing — refund it, once the
 * channel (where it can be asked) confirms it was paid;</li>
 * <li>payment REFUNDED, order still PAID by it: announce {@code payment.refunded} again.</li>
 * </ul>
 * Only payments settled longer than the grace period are looked at, so events still on their way are not raced.
 * Safe to run on several instances at once: refunds move by conditional update, re-announcements are idempotent.
 * <p>
 * Each check asks order-service about the order, so how far back a pass looks decides its cost: the frequent pass
 * ({@link #run}) looks at payments settled in the last hour (where nearly every disagreement appears: an order closed
 * while the money came in, an event lost), the daily one ({@link #runFull}) at the whole week. Checking every
 * payment of the week every five minutes would ask about each one some 2,000 times.
 */
@Service
public class Reconciliation {
    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    /** What one run did. */
    public record Report(int checked, int reannounced, int refundsAsked, int unresolved) {
    }

    private final PaymentRepository payments;
    private final Orders orders;
    private final PaymentCommands commands;
    private final EventPublisher events;
    private final PaymentChannels channels;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration grace;
    private final Duration recent;
    private final Duration lookBack;
    /** Payments read per page of a pass. */
    private final int batch;

    public Reconciliation(PaymentRepository payments, Orders orders, PaymentCommands commands,
                          EventPublisher events, PaymentChannels channels, TransactionTemplate tx, Clock clock,
                          @Value("${checkup.payment.reconciliation.grace:2m}") Duration grace,
                          @Value("${checkup.payment.reconciliation.recent:1h}") Duration recent,
                          @Value("${checkup.payment.reconciliation.look-back:7d}") Duration lookBack,
                          @Value("${checkup.payment.reconciliation.page:200}") int batch) {
        this.payments = payments;
        this.orders = orders;
        this.commands = commands;
        this.events = events;
        this.channels = channels;
        this.tx = tx;
        this.clock = clock;
        this.grace = grace;
        this.recent = recent;
        this.lookBack = lookBack;
        this.batch = batch;
    }

    /** One pass over payments settled recently (the last hour by default; PaymentJobs runs it every few minutes). */
    public Report run() {
        return pass(recent);
    }

    /** One pass over payments settled in the whole look-back window (a week by default; PaymentJobs runs it daily). */
    public Report runFull() {
        return pass(lookBack);
    }

    private Report pass(Duration back) {
        Instant now = clock.instant();
        Instant since = now.minus(back);
        Instant before = now.minus(grace);
        int checked = 0;
        int reannounced = 0;
        int refunds = 0;
        int unresolved = 0;
        String afterId = "";
        while (true) {
            var page = payments.settledBetween(since, afterId, before, batch);
            for (Payment p : page) {
                checked++;
                switch (check(p)) {
                    case REANNOUNCED -> reannounced++;
                    case REFUND_ASKED -> refunds++;
                    case UNRESOLVED -> unresolved++;
                    case CONSISTENT -> { }
                }
            }
            if (page.size() < batch) {
                break;
            }
            since = page.get(page.size() - 1).updatedAt();
            afterId = page.get(page.size() - 1).id();
        }
        return new Report(checked, reannounced, refunds, unresolved);
    }

    private enum Finding { CONSISTENT, REANNOUNCED, REFUND_ASKED, UNRESOLVED }

    private Finding check(Payment p) {
        OrderView o;
        try {
            o = orders.get(p.orderId());
        } catch (BusinessException e) {
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                log.error("Payment {} ({}) is for order {}, which does not exist", p.id(), p.status(), p.orderId());
                return Finding.UNRESOLVED;
            }
            throw e;
        }
        boolean ours = Objects.equals(o.getPaymentId(), p.id());
        if (p.status() == PaymentStatus.SUCCEEDED) {
            if (o.getStatus() == OrderStatus.CREATED) {
                announce(PaymentEvent.SUCCEEDED, p);
                return Finding.REANNOUNCED;
            }
            if (o.getStatus() == OrderStatus.CLOSED || !ours) {
                if (!channelConfirmsPaid(p)) {
                    return Finding.UNRESOLVED;
                }
                log.warn("Payment {} succeeded but order {} is {} (paid by {}): refunding", p.id(), o.getOrderId(),
                        o.getStatus(), o.getPaymentId());
                commands.refund(p.id(), "reconciliation: order " + o.getStatus());
                return Finding.REFUND_ASKED;
            }
            return Finding.CONSISTENT;
        }
        // REFUNDED
        if (ours && o.getStatus() == OrderStatus.PAID) {
            announce(PaymentEvent.REFUNDED, p);
            return Finding.REANNOUNCED;
        }
        return Finding.CONSISTENT;
    }

    /**
     * Before money is given back, a channel that can be asked must agree it was taken: a payment marked SUCCEEDED that
     * the channel does not know as paid is for ops, not for a refund request. Asked again next run when unreachable.
     */
    private boolean channelConfirmsPaid(Payment p) {
        PaymentChannel channel = channels.find(p.channel());
        if (channel == null || !channel.canBeAsked()) {
            return true;
        }
        try {
            if (channel.query(p).isPresent()) {
                return true;
            }
            log.error("Payment {} is SUCCEEDED here but {} does not report it paid: not refunded, for ops to look at",
                    p.id(), p.channel());
            return false;
        } catch (PaymentChannel.ChannelUnavailable e) {
            log.warn("Could not ask {} about payment {} before refunding it (next run asks again): {}", p.channel(),
                    p.id(), e.getMessage());
            return false;
        }
    }

    /** Announced again in the payment's trace (like its first announcement): order-service goes on in that trace. */
    private void announce(String type, Payment p) {
        try (var ignored = PaymentTraces.bind(p)) {
            tx.executeWithoutResult(s -> events.publish(Topics.PAYMENT, type, p.orderId(),
                    new PaymentEvent(p.id(), p.orderId(), p.amountCents(), p.channel())));
            log.info("Payment {} ({}): {} announced again for order {}", p.id(), p.status(), type, p.orderId());
        }
    }
}
