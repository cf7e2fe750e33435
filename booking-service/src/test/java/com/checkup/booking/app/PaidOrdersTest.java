package com.checkup.booking.app;

import static com.checkup.booking.app.UseCaseFixtures.NOW;
import static com.checkup.booking.app.UseCaseFixtures.held;
import static com.checkup.booking.app.UseCaseFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** order.paid and booking.cancelled as PaidOrders decides them, with its ports mocked. */
class PaidOrdersTest {
    private final BookingRepository bookings = mock(BookingRepository.class);
    private final HoldOrders orders = mock(HoldOrders.class);
    private final RefundRequests refunds = mock(RefundRequests.class);
    private final BookingEvents events = mock(BookingEvents.class);
    private final PaidOrders paidOrders = new PaidOrders(bookings, orders, refunds, events, UseCaseFixtures.passThrough(),
            Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

    private static OrderEvent paid(Booking b, String orderId) {
        OrderEvent e = new OrderEvent();
        e.setBookingId(b.id());
        e.setOrderId(orderId);
        return e;
    }

    @Test
    void aPaidOrderConfirmsItsHeldBookingOnceOrderServiceSaysSo() {
        Booking b = held("B1");
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        when(orders.get(b.orderId())).thenReturn(order(b, OrderStatus.PAID));

        paidOrders.orderPaid(paid(b, b.orderId()));

        assertThat(b.status()).isEqualTo(BookingStatus.CONFIRMED);
        verify(bookings).update(b);
        verify(events).publish(BookingEvent.CONFIRMED, b);
        verifyNoInteractions(refunds);
    }

    @Test
    void anEventOrderServiceDoesNotBackChangesNothing() {
        Booking b = held("B1");
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        when(orders.get(b.orderId())).thenReturn(order(b, OrderStatus.CREATED));

        paidOrders.orderPaid(paid(b, b.orderId()));

        assertThat(b.status()).isEqualTo(BookingStatus.HELD);
        verify(bookings, never()).update(any());
        verifyNoInteractions(events, refunds);
    }

    @Test
    void anEventNamingAnotherOrderIsIgnoredWithoutAskingOrderService() {
        Booking b = held("B1");
        when(bookings.find("B1")).thenReturn(Optional.of(b));

        paidOrders.orderPaid(paid(b, "O-someone-else"));

        verifyNoInteractions(orders, events, refunds);
    }

    @Test
    void moneyForABookingThatEndedMeanwhileGoesBack() {
        Booking b = held("B1");
        b.expire(NOW.plusSeconds(3600));
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        when(orders.get(b.orderId())).thenReturn(order(b, OrderStatus.PAID));

        paidOrders.orderPaid(paid(b, b.orderId()));

        verify(refunds).refundIfPaid(b.orderId(), "BOOKING_EXPIRED");
        verify(bookings, never()).update(any());
    }

    @Test
    void aRefundIsAskedOnlyForACancelledBookingOfThatOrder() {
        Booking b = held("B1");
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        BookingEvent cancelled = BookingEvents.event(b, null, true, "CHANGE_OF_PLANS");

        paidOrders.refundAfterCancel(cancelled); // still HELD here: the event alone is no authority
        verify(refunds, never()).refundIfPaid(anyString(), anyString());

        b.cancel("CHANGE_OF_PLANS", NOW);
        paidOrders.refundAfterCancel(cancelled);
        verify(refunds).refundIfPaid(b.orderId(), "BOOKING_CANCELLED");
    }
}
