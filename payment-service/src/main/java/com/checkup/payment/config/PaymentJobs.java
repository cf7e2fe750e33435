package com.checkup.payment.config;

import com.checkup.payment.app.CallbackRetention;
import com.checkup.payment.app.PendingPayments;
import com.checkup.payment.app.Reconciliation;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When payment-service does work of its own: each job is a use case in {@code app/}; this says how often. Each run is
 * done as payment-service (persona SYSTEM, a trace id of its own): the use cases it calls check their caller as they
 * would for a request (a refund is the platform's decision), and its log lines share one trace id per run.
 */
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
    public void askAboutPending() {
        try (var ignored = asThisService()) {
            PendingPayments.Report r = pending.run();
            if (r.applied() + r.refundsAskedAgain() + r.unreachable() + r.deferred() > 0) {
                log.info("Pending payments: {}", r);
            }
        }
    }

    @Scheduled(initialDelay = 3_600_000L, fixedDelay = 3_600_000L)
    public void forgetOldCallbacks() {
        try (var ignored = asThisService()) {
            retention.forgetOld();
        }
    }

    @Scheduled(initialDelayString = "${checkup.payment.reconciliation.interval:5m}",
            fixedDelayString = "${checkup.payment.reconciliation.interval:5m}")
    public void reconcile() {
        try (var ignored = asThisService()) {
            Reconciliation.Report r = reconciliation.run();
            if (r.reannounced() + r.refundsAsked() + r.unresolved() > 0) {
                log.warn("Reconciliation: {}", r);
            }
        }
    }

    /**
     * The whole week, once a day (and soon after start: an instance restarted more often than daily, at every deploy,
     * must still run it): a disagreement that appeared after a payment's first hour, or during an outage longer than
     * that, is found too. Several instances may each run it; a pass is safe to repeat.
     */
    @Scheduled(initialDelayString = "${checkup.payment.reconciliation.full-first:10m}",
            fixedDelayString = "${checkup.payment.reconciliation.full-interval:1d}")
    public void reconcileFully() {
        try (var ignored = asThisService()) {
            Reconciliation.Report r = reconciliation.runFull();
            log.info("Full reconciliation: {}", r);
        }
    }

    private static CallContextHolder.Scope asThisService() {
        return Callers.bindSystem("payment-service", null);
    }
}
