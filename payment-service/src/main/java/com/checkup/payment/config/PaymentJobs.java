package com.checkup.payment.config;

import com.checkup.payment.app.CallbackRetention;
import com.checkup.payment.app.PendingPayments;
import com.checkup.payment.app.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** When payment-service does work of its own: each job is a use case in {@code app/}; this says how often. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PaymentJobs {
    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);

    private final Reconciliation reconciliation;
    private final PendingPayments pending;
    private final CallbackRetention retention;

    public PaymentJobs(Reconciliation reconciliation, PendingPayments pending, CallbackRetention retention) {
        this.reconciliation = reconciliation;
        this.pending = pending;
        this.retention = retention;
    }

    /** Payments whose channel is late: asked about (a notification lost or never sent). */
    @Scheduled(initialDelayString = "${checkup.payment.pending.interval:1m}",
            fixedDelayString = "${checkup.payment.pending.interval:1m}")
    void askAboutPending() {
        PendingPayments.Report r = pending.run();
        if (r.applied() + r.refundsAskedAgain() + r.unreachable() > 0) {
            log.info("Pending payments: {}", r);
        }
    }

    @Scheduled(initialDelay = 3_600_000L, fixedDelay = 3_600_000L)
    void forgetOldCallbacks() {
        retention.forgetOld();
    }

    @Scheduled(initialDelayString = "${checkup.payment.reconciliation.interval:5m}",
            fixedDelayString = "${checkup.payment.reconciliation.interval:5m}")
    void reconcile() {
        Reconciliation.Report r = reconciliation.run();
        if (r.reannounced() + r.refundsAsked() + r.unresolved() > 0) {
            log.warn("Reconciliation: {}", r);
        }
    }
}
