package com.checkup.booking.config;

import com.checkup.booking.app.ExpirySweep;
import com.checkup.booking.app.NoShowSweep;
import com.checkup.booking.app.ShareRelease;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When booking-service does work of its own. Each job is a use case in {@code app/} that does one pass; this is the one
 * place that says how often (every service has such a class; leased work queues are driven by platform-kit's
 * {@code WorkLoop} instead). The jobs share Spring's one scheduler thread, so none may block for long.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class BookingJobs {
    private final ExpirySweep expiry;
    private final NoShowSweep noShows;
    private final ShareRelease shares;

    public BookingJobs(ExpirySweep expiry, NoShowSweep noShows, ShareRelease shares) {
        this.expiry = expiry;
        this.noShows = noShows;
        this.shares = shares;
    }

    /** Holds whose expiry reminder was lost. */
    @Scheduled(initialDelayString = "${checkup.booking.expiry-sweep.interval:60s}",
            fixedDelayString = "${checkup.booking.expiry-sweep.interval:60s}")
    void expireOverdueHolds() {
        expiry.run();
    }

    @Scheduled(initialDelayString = "${checkup.booking.no-show-sweep.interval:10m}",
            fixedDelayString = "${checkup.booking.no-show-sweep.interval:10m}")
    void markNoShows() {
        noShows.run();
    }

    @Scheduled(initialDelayString = "${checkup.booking.share-release.interval:5m}",
            fixedDelayString = "${checkup.booking.share-release.interval:5m}")
    void releaseUnusedShares() {
        shares.run();
    }
}
