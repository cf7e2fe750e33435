package com.checkup.payment.config;

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

    public PaymentJobs(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
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
