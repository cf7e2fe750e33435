package com.checkup.booking.app;

import static com.checkup.booking.app.UseCaseFixtures.NOW;
import static com.checkup.booking.app.UseCaseFixtures.held;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/** An unpaid hold's end as HoldExpiry decides it, with its ports mocked. */
class HoldExpiryTest {
    private final BookingRepository bookings = mock(BookingRepository.class);
    private final CapacityCalendar calendar = mock(CapacityCalendar.class);
    private final HoldOrders orders = mock(HoldOrders.class);
    private final BookingEvents events = mock(BookingEvents.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);

    private HoldExpiry at(Instant now) {
        return new HoldExpiry(bookings, calendar, orders, events, transactions, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aReminderDeliveredEarlyIsRefusedSoTheBrokerDeliversItAgain() {
        Booking b = held("B1");
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        assertThatThrownBy(() -> at(NOW.plusSeconds(60)).expire("B1")).hasMessageContaining("not yet");
        verifyNoInteractions(orders, calendar, events);
    }

    @Test
    void aHoldWhoseOrderWasPaidMeanwhileStays() {
        Booking b = held("B1");
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        when(orders.closeUnlessPaid(b, "HOLD_EXPIRED")).thenReturn(false);

        at(b.holdExpiresAt()).expire("B1");

        assertThat(b.status()).isEqualTo(BookingStatus.HELD);
        verifyNoInteractions(calendar, events);
    }

    @Test
    void anUnpaidHoldEndsAndGivesItsPlaceBackOnce() {
        Booking b = held("B1");
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        when(orders.closeUnlessPaid(b, "HOLD_EXPIRED")).thenReturn(true);

        Instant due = b.holdExpiresAt();
        at(due).expire("B1");
        at(due).expire("B1"); // a repeat: the booking is EXPIRED now

        assertThat(b.status()).isEqualTo(BookingStatus.EXPIRED);
        verify(calendar).release(b.slot(), b.resources());
        verify(events).publish(BookingEvent.EXPIRED, b, null, false, "HOLD_EXPIRED");
    }

    @Test
    void theSweepGoesOnPastAHoldThatFails() {
        Booking ok = held("B2");
        when(bookings.overdueHolds(any(), eq(HoldExpiry.SWEEP_PAGE))).thenReturn(List.of("B1", "B2"));
        when(bookings.find("B1")).thenThrow(new IllegalStateException("database hiccup"));
        when(bookings.find("B2")).thenReturn(Optional.of(ok));
        when(orders.closeUnlessPaid(ok, "HOLD_EXPIRED")).thenReturn(true);

        assertThat(at(ok.holdExpiresAt().plus(Duration.ofMinutes(5))).sweepOverdueHolds(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(ok.status()).isEqualTo(BookingStatus.EXPIRED);
    }

    @Test
    void aReminderEndsEachOfItsHoldsAndOneSentBeforeHoldsWereCombinedIsStillUnderstood() throws Exception {
        Booking one = held("B3");
        Booking two = held("B4");
        when(bookings.find("B3")).thenReturn(Optional.of(one));
        when(bookings.find("B4")).thenReturn(Optional.of(two));
        when(orders.closeUnlessPaid(any(), eq("HOLD_EXPIRED"))).thenReturn(true);
        HoldExpiry expiry = at(one.holdExpiresAt());

        // What a reminder carries, as it travels (JSON).
        String sent = com.checkup.platform.events.Json.MAPPER.writeValueAsString(new HoldExpiry.HoldsDue(List.of("B3", "B4")));
        expiry.expireAll(com.checkup.platform.events.Json.MAPPER.readValue(sent, HoldExpiry.HoldsDue.class));
        assertThat(one.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(two.status()).isEqualTo(BookingStatus.EXPIRED);

        // An earlier reminder's payload was the hold's booking event.
        Booking old = held("B5");
        when(bookings.find("B5")).thenReturn(Optional.of(old));
        BookingEvent event = new BookingEvent();
        event.setBookingId("B5");
        String legacy = com.checkup.platform.events.Json.MAPPER.writeValueAsString(event);
        expiry.expireAll(com.checkup.platform.events.Json.MAPPER.readValue(legacy, HoldExpiry.HoldsDue.class));
        assertThat(old.status()).isEqualTo(BookingStatus.EXPIRED);
        // Each hold in a transaction of its own, not the reminder's.
        verify(transactions, org.mockito.Mockito.times(3)).getTransaction(org.mockito.ArgumentMatchers.argThat(
                (TransactionDefinition d) -> d.getPropagationBehavior() == TransactionDefinition.PROPAGATION_REQUIRES_NEW));
    }

    @Test
    void oneHoldOfAReminderThatFailsDoesNotStopTheOthersAndTheReminderComesAgain() {
        Booking later = held("B7");
        when(bookings.find("B6")).thenThrow(new IllegalStateException("database hiccup"));
        when(bookings.find("B7")).thenReturn(Optional.of(later));
        when(orders.closeUnlessPaid(later, "HOLD_EXPIRED")).thenReturn(true);

        assertThatThrownBy(() -> at(later.holdExpiresAt()).expireAll(new HoldExpiry.HoldsDue(List.of("B6", "B7"))))
                .hasMessageContaining("hiccup");
        assertThat(later.status()).isEqualTo(BookingStatus.EXPIRED);
    }
}
