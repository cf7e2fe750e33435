package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.event.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unpaid holds end: on their reminder ({@link #HOLD_DUE}, punctual) or in the sweep (certain). The order is closed
 * first: if it was paid in the meantime the hold stays and {@code order.paid} confirms it.
 */
@Service
public class HoldExpiry {
    /** Delayed message on {@link Topics#BOOKING_TIMERS} that ends unpaid holds ({@link HoldsDue}). */
    public static final String HOLD_DUE = "booking.hold-due";
    /** Holds one sweep pass looks at. */
    public static final int SWEEP_PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

    private final BookingRepository bookings;
    private final CapacityCalendar calendar;
    private final HoldOrders orders;
    private final BookingEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    public HoldExpiry(BookingRepository bookings, CapacityCalendar calendar, HoldOrders orders, BookingEvents events,
                      PlatformTransactionManager transactions, Clock clock) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.orders = orders;
        this.events = events;
        // Each hold in a transaction of its own, also inside a reminder's (the consumer's record of it): a reminder
        // names many holds, and one's slot rows must not stay locked while the next one's order is closed. A reminder
        // thus holds two connections at a time: 8 at most, with the timers consumer's 4 threads.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * A {@link #HOLD_DUE} reminder's payload: the holds written together in one lane, due when the last of them ends. A
     * reminder sent before these were combined carries one {@code bookingId} (a booking event): still understood.
     */
    public record HoldsDue(List<String> bookingIds, String bookingId) {
        public HoldsDue(List<String> bookingIds) {
            this(bookingIds, null);
        }

        /** The holds it is about. */
        public List<String> holds() {
            if (bookingIds != null) {
                return bookingIds;
            }
            return bookingId == null ? List.of() : List.of(bookingId);
        }
    }

    /**
     * Ends each of these unpaid holds whose time is up, each in its own transaction; one that fails does not stop the
     * others, and is reported at the end so the reminder is delivered again (the others are then no-ops).
     */
    public void expireAll(HoldsDue due) {
        RuntimeException failed = null;
        for (String id : due.holds()) {
            try {
                expire(id);
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Ends an unpaid hold whose time is up (a repeat, or a hold paid or ended meanwhile, changes nothing). */
    public void expire(String bookingId) {
        Booking b = bookings.find(bookingId).orElse(null);
        if (b == null || b.status() != BookingStatus.HELD) {
            return;
        }
        Instant now = clock.instant();
        if (b.holdExpiresAt() != null && now.isBefore(b.holdExpiresAt().minusSeconds(2))) {
            // Early delivery (clock skew between broker and service): let the broker deliver it again later.
            throw new IllegalStateException("Hold of " + b.id() + " ends at " + b.holdExpiresAt() + ", not yet");
        }
        if (!orders.closeUnlessPaid(b, "HOLD_EXPIRED")) {
            log.info("Hold of {} ran out but its order {} is paid: it will be confirmed", b.id(), b.orderId());
            return;
        }
        tx.executeWithoutResult(s -> {
            Booking fresh = bookings.find(bookingId).orElseThrow();
            if (fresh.expire(now)) {
                bookings.update(fresh);
                calendar.release(fresh.slot(), fresh.resources());
                events.publish(BookingEvent.EXPIRED, fresh, null, false, "HOLD_EXPIRED");
                log.info("Expired {}", fresh);
            }
        });
    }

    /**
     * Expires overdue holds whose reminder was lost (the process stopped right after the commit, the broker was away
     * or lost its data): one page, oldest first. Returns how many it dealt with; fewer than {@link #SWEEP_PAGE} means
     * none are left or one failed (the next sweep retries it).
     */
    public int sweepOverdueHolds(Duration grace) {
        List<String> due = bookings.overdueHolds(clock.instant().minus(grace), SWEEP_PAGE);
        int done = 0;
        for (String id : due) {
            try {
                expire(id);
                done++;
            } catch (RuntimeException e) {
                log.warn("Expiry of {} failed, next sweep retries: {}", id, e.toString());
            }
        }
        return done;
    }
}
