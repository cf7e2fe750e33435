package com.checkup.payment.app;

import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.payment.channel.PaymentChannel;
import com.checkup.payment.domain.Payment;
import com.checkup.payment.persistence.PaymentRepository;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.tx.Commits;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The channel trades of orders that closed unpaid are closed, so a payer cannot pay for a place that is gone.
 * Punctual: order.closed hands the order over here once the event is recorded as handled, and a thread of its own
 * makes the channel's calls (no transaction or connection is held across them). Certain: {@link PendingPayments}
 * closes any pending payment whose order it finds closed (a hand-over lost to a restart or a full queue, a channel
 * that was away, a payment made while its order was closing).
 */
@Service
public class ClosedOrders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClosedOrders.class);
    private static final int QUEUE = 1_000;

    private final PaymentRepository payments;
    private final PaymentCommands commands;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "closed-orders");
                t.setDaemon(true);
                return t;
            });

    public ClosedOrders(PaymentRepository payments, PaymentCommands commands) {
        this.payments = payments;
        this.commands = commands;
    }

    /** The order closed unpaid: its pending payment's trade is closed after the current transaction commits. */
    public void closed(String orderId) {
        CallContext context = CallContextHolder.current().orElse(null);
        Commits.afterCommit(() -> {
            try {
                worker.execute(() -> {
                    try (CallContextHolder.Scope ignored = CallContextHolder.bind(context)) {
                        close(orderId);
                    }
                });
            } catch (RejectedExecutionException full) {
                log.warn("Order {} closed: its trade is left to the pending-payments pass ({} waiting)", orderId, QUEUE);
            }
        });
    }

    private void close(String orderId) {
        Payment p = payments.findLive(orderId).orElse(null);
        if (p == null || p.status() != PaymentStatus.PENDING) {
            return;
        }
        try {
            commands.closeTrade(p);
        } catch (PaymentChannel.ChannelUnavailable e) {
            log.warn("Could not close the trade of payment {} (the pending-payments pass will): {}", p.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Closing the trade of payment {} failed (the pending-payments pass will try again): {}", p.id(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
