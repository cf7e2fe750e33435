package com.checkup.booking.app;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What makes hold expiry certain: the reminders make it punctual, this expires holds overdue by more than the grace. */
@Component
public class ExpirySweep {
    private static final int MAX_PAGES = 50;
    private final HoldExpiry expiry;
    private final Duration grace;

    public ExpirySweep(HoldExpiry expiry, @Value("${checkup.booking.expiry-sweep.grace:60s}") Duration grace) {
        this.expiry = expiry;
        this.grace = grace;
    }

    /** One pass (BookingJobs runs it every minute). */
    public void run() {
        // Page after page while whole pages succeed (after a broker outage many reminders may be missing), bounded so
        // one run never holds the scheduler for long.
        for (int page = 0; page < MAX_PAGES && expiry.sweepOverdueHolds(grace) == HoldExpiry.SWEEP_PAGE; page++) {
            // next page
        }
    }
}
