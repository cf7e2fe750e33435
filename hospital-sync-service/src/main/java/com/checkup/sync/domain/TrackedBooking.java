package com.checkup.sync.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A booking a hospital's system holds, as that system last described it. Pulling its status again and again turns
 * each change into what the platform must do about it: the examinee arrived (check in here too), the report is
 * ready over there (a desk fetches and uploads it). Done when the report is ready or the booking is cancelled.
 */
public final class TrackedBooking {
    /** What the platform does about a change the hospital reports. */
    public enum Effect { CHECK_IN, REPORT_TASK }

    /** How long after the exam day its status is still pulled (a report rarely takes longer). */
    public static final java.time.Period FOLLOW_FOR = java.time.Period.ofDays(30);

    public static final String BOOKED = "BOOKED";
    public static final String CHECKED_IN = "CHECKED_IN";
    public static final String REPORT_READY = "REPORT_READY";
    public static final String CANCELLED = "CANCELLED";
    private static final Set<String> KNOWN = Set.of(BOOKED, CHECKED_IN, REPORT_READY, CANCELLED);

    private final String bookingId;
    private final String hospitalId;
    private final LocalDate examDate;
    private String hospitalState;

    public TrackedBooking(String bookingId, String hospitalId, LocalDate examDate, String hospitalState) {
        this.bookingId = bookingId;
        this.hospitalId = hospitalId;
        this.examDate = examDate;
        this.hospitalState = hospitalState;
    }

    /**
     * The effects of the state the hospital answers now, given what it said before. A report ready without a
     * check-in seen first implies the check-in (pulls are minutes apart; both may happen between two). An unknown
     * state is refused, so nothing is recorded and it is looked at again next time.
     */
    public List<Effect> observe(String state) {
        if (!KNOWN.contains(state)) {
            throw new IllegalArgumentException("The hospital answered an unknown state: " + state);
        }
        List<Effect> effects = new ArrayList<>();
        boolean wasIn = CHECKED_IN.equals(hospitalState) || REPORT_READY.equals(hospitalState);
        if ((CHECKED_IN.equals(state) || REPORT_READY.equals(state)) && !wasIn) {
            effects.add(Effect.CHECK_IN);
        }
        if (REPORT_READY.equals(state) && !REPORT_READY.equals(hospitalState)) {
            effects.add(Effect.REPORT_TASK);
        }
        return effects;
    }

    /** Records the state once its effects are done. */
    public void settle(String state) {
        hospitalState = state;
    }

    /**
     * When to pull next, given the pull interval's {@code next}: not before the day ahead of the exam (UTC, as the due
     * query counts days), and never (null) once done or followed for {@link #FOLLOW_FOR} after the exam. A row without a
     * next pull is outside the range the due query walks, so finished and far-off bookings cost it nothing.
     */
    public Instant nextPull(Instant next) {
        if (done() || LocalDate.ofInstant(next, ZoneOffset.UTC).isAfter(examDate.plus(FOLLOW_FOR))) {
            return null;
        }
        Instant first = firstPull(examDate, next);
        return first.isAfter(next) ? first : next;
    }

    /** A newly tracked booking's first pull: now, or the start of the day before its exam (UTC) if that is later. */
    public static Instant firstPull(LocalDate examDate, Instant now) {
        Instant dayBefore = examDate.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return dayBefore.isAfter(now) ? dayBefore : now;
    }

    /** Nothing more will come from the hospital about this booking. */
    public boolean done() {
        return REPORT_READY.equals(hospitalState) || CANCELLED.equals(hospitalState);
    }

    public String bookingId() { return bookingId; }
    public String hospitalId() { return hospitalId; }
    public LocalDate examDate() { return examDate; }
    public String hospitalState() { return hospitalState; }

    @Override
    public String toString() {
        return "TrackedBooking[" + bookingId + " at " + hospitalId + " on " + examDate + ", " + hospitalState + "]";
    }
}
