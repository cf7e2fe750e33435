package com.checkup.booking.app;

import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.booking.persistence.CapacityCalendar.ShareRow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives campaigns' unused shares back to everyone once their day is within the campaign's cut-off: walk-in
 * consumers can then book those places. Runs again and again, so a company booking cancelled after the cut-off
 * frees its place for everyone too.
 */
@Component
public class ShareRelease {
    private static final Logger log = LoggerFactory.getLogger(ShareRelease.class);

    private final CapacityCalendar calendar;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ShareRelease(CapacityCalendar calendar, TransactionTemplate tx, Clock clock) {
        this.calendar = calendar;
        this.tx = tx;
        this.clock = clock;
    }

    /** One pass (BookingJobs runs it every few minutes); returns how many places were given back. */
    public int run() {
        // A day early in UTC terms: every zone's cut-off day is covered, and releasing a few hours early only helps walk-ins.
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        int places = 0;
        for (ShareRow share : calendar.sharesToRelease(today)) {
            int n = tx.execute(s -> calendar.release(share));
            if (n > 0) {
                log.info("Gave {} unused places of {} on {} {} back to everyone", n, share.resource(), share.slot().date(),
                        share.slot().period());
                places += n;
            }
        }
        return places;
    }
}
