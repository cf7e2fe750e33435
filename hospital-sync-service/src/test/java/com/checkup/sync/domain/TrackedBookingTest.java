package com.checkup.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.sync.domain.TrackedBooking.Effect;
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
}
