package com.checkup.payment.app;

import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.payment.channel.PaymentChannel;
import com.checkup.payment.channel.PaymentChannels;
import com.checkup.payment.domain.ChannelNotification;
import com.checkup.payment.domain.Payment;
import com.checkup.payment.persistence.PaymentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Notifications can be late or lost: payments still waiting on their channel after {@code query-after} are asked
 * about. A payment the channel says is paid is applied as its notification would be; a refund the channel says is
 * done likewise, and one it does not know (our request never reached it) is asked for again. Channels that cannot
 * be asked are left to their notifications. An unpaid one whose order has closed has its trade closed
 * ({@link ClosedOrders} does it on order.closed; this catches what that missed). Safe on several instances at once:
 * applying is idempotent, refund requests are keyed by the payment, closing a trade twice is closing it.
 */
@Service
public class PendingPayments {
    private static final Logger log = LoggerFactory.getLogger(PendingPayments.class);
    private static final int BATCH = 100;

    /** What one pass did. */
    /**
     * @param unreachable asks that failed (the channel away or failing)
     * @param deferred    payments not asked this pass because their channel had failed {@value #AWAY_AFTER} asks in a row
     */
    public record Report(int asked, int applied, int refundsAskedAgain, int unreachable, int deferred) {
    }

    /** Failed asks in a row after which a channel is left alone for the rest of a pass. */
    static final int AWAY_AFTER = 3;

    private final PaymentRepository payments;
    private final PaymentChannels channels;
    private final PaymentCommands commands;
    private final Orders orders;
    private final Clock clock;
    private final Duration queryAfter;
    /** Unpaid ones are asked about this long (past the channel's own pay-by time: WeChat's is 30 min), not for days. */
    private final Duration payLookBack;
    private final Duration lookBack;

    public PendingPayments(PaymentRepository payments, PaymentChannels channels, PaymentCommands commands, Orders orders,
                           Clock clock,
                           @Value("${checkup.payment.pending.query-after:1m}") Duration queryAfter,
                           @Value("${checkup.payment.pending.pay-look-back:2h}") Duration payLookBack,
                           @Value("${checkup.payment.pending.look-back:2d}") Duration lookBack) {
        this.payments = payments;
        this.channels = channels;
        this.commands = commands;
        this.orders = orders;
        this.clock = clock;
        this.queryAfter = queryAfter;
        this.payLookBack = payLookBack;
        this.lookBack = lookBack;
    }

    public Report run() {
        Instant now = clock.instant();
        int[] counts = new int[5];
        // A channel that fails several asks in a row is not asked again in this pass: while WeChat Pay is away, a few
        // timeouts a pass instead of one per waiting payment (the next pass, a minute on, tries again). In a row, so
        // one payment the channel always refuses does not hold back the others.
        Map<String, Integer> failedInARow = new HashMap<>();
        for (PaymentStatus status : List.of(PaymentStatus.PENDING, PaymentStatus.REFUND_PENDING)) {
            Instant since = now.minus(status == PaymentStatus.PENDING ? payLookBack : lookBack);
            String afterId = "";
            while (true) {
                List<Payment> batch = payments.waitingBetween(status, since, afterId, now.minus(queryAfter), BATCH);
                batch.forEach(p -> ask(p, counts, failedInARow));
                if (batch.size() < BATCH) {
                    break;
                }
                since = batch.get(batch.size() - 1).updatedAt();
                afterId = batch.get(batch.size() - 1).id();
            }
        }
        return new Report(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private void ask(Payment p, int[] counts, Map<String, Integer> failedInARow) {
        PaymentChannel channel = channels.find(p.channel());
        if (channel == null) {
            return;
        }
        if (failedInARow.getOrDefault(p.channel(), 0) >= AWAY_AFTER) {
            counts[4]++;
            return;
        }
        try {
            Optional<ChannelNotification> answer = p.status() == PaymentStatus.PENDING
                    ? channel.query(p) : channel.queryRefund(p);
            counts[0]++;
            if (answer.isPresent()) {
                commands.answered(p, answer.get());
                counts[1]++;
            } else if (p.status() == PaymentStatus.REFUND_PENDING) {
                commands.requestRefund(p);
                counts[2]++;
            } else if (channel.canBeAsked() && orders.get(p.orderId()).getStatus() == OrderStatus.CLOSED) {
                // Unpaid, and its order closed: the trade is closed now if order.closed did not get to it.
                commands.closeTrade(p);
            }
            failedInARow.remove(p.channel());
        } catch (PaymentChannel.ChannelUnavailable e) {
            counts[3]++;
            failedInARow.merge(p.channel(), 1, Integer::sum);
            log.warn("Could not ask {} about payment {}: {}", p.channel(), p.id(), e.getMessage());
        } catch (RuntimeException e) {
            counts[3]++;
            log.warn("Asking {} about payment {} failed: {}", p.channel(), p.id(), e.toString());
        }
    }
}
