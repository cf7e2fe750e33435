package com.checkup.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.sync.domain.TrackedBooking.Effect;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TrackedBookingTest {
    private static TrackedBooking in(String state) {
        return new TrackedBooking("B1", "H1", LocalDate.of(2026, 12, 1), state);
    }

    @Test
    void eachChangeIsActedOnOnce() {
        TrackedBooking b = in(TrackedBooking.BOOKED);
        assertThat(b.observe("BOOKED")).isEmpty();
        assertThat(b.observe("CHECKED_IN")).containsExactly(Effect.CHECK_IN);
        b.settle("CHECKED_IN");
        assertThat(b.observe("CHECKED_IN")).as("seen already").isEmpty();
        assertThat(b.done()).isFalse();
        assertThat(b.observe("REPORT_READY")).containsExactly(Effect.REPORT_TASK);
        b.settle("REPORT_READY");
        assertThat(b.done()).isTrue();
    }

    @Test
    void aReportWithoutACheckInSeenImpliesTheCheckIn() {
        assertThat(in(TrackedBooking.BOOKED).observe("REPORT_READY")).containsExactly(Effect.CHECK_IN, Effect.REPORT_TASK);
    }

    @Test
    void unknownStatesAreRefusedAndCancelledEndsTracking() {
        TrackedBooking b = in(TrackedBooking.BOOKED);
        assertThatThrownBy(() -> b.observe("ARRIVED")).hasMessageContaining("unknown state");
        assertThat(b.hospitalState()).isEqualTo("BOOKED");
        assertThat(b.observe("CANCELLED")).isEmpty();
        b.settle("CANCELLED");
        assertThat(b.done()).isTrue();
    }

    @Test
    void pulledFromTheDayBeforeTheExamUntilDoneOrFollowedLongEnough() {
        LocalDate exam = LocalDate.parse("2026-12-20");
        Instant now = Instant.parse("2026-12-03T04:00:00Z");
        Instant dayBefore = Instant.parse("2026-12-19T00:00:00Z");
        assertThat(TrackedBooking.firstPull(exam, now)).isEqualTo(dayBefore);
        assertThat(TrackedBooking.firstPull(exam, Instant.parse("2026-12-19T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-19T08:00:00Z"));

        TrackedBooking b = new TrackedBooking("B1", "H1", exam, TrackedBooking.BOOKED);
        assertThat(b.nextPull(now)).as("weeks ahead").isEqualTo(dayBefore);
        Instant onTheDay = Instant.parse("2026-12-20T09:05:00Z");
        assertThat(b.nextPull(onTheDay)).isEqualTo(onTheDay);
        assertThat(b.nextPull(Instant.parse("2027-01-19T23:59:00Z"))).as("30 days after").isNotNull();
        assertThat(b.nextPull(Instant.parse("2027-01-20T00:00:00Z"))).as("followed long enough").isNull();
        b.settle(TrackedBooking.REPORT_READY);
        assertThat(b.nextPull(onTheDay)).as("done").isNull();
    }
}
