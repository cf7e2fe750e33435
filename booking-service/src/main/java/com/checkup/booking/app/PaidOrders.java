package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What money does to bookings: a paid order confirms its booking (or, when the booking ended meanwhile, gets its money
 * back); a cancelled paid booking asks for its refund. Events carry no authority: each is checked against order-service
 * and this service's own rows first.
 */
@Service
public class PaidOrders {
    private static final Logger log = LoggerFactory.getLogger(PaidOrders.class);

    private final BookingRepository bookings;
    private final HoldOrders orders;
    private final RefundRequests refunds;
    private final BookingEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PaidOrders(BookingRepository bookings, HoldOrders orders, RefundRequests refunds, BookingEvents events,
                      TransactionTemplate tx, Clock clock) {
        this.bookings = bookings;
        this.orders = orders;
        this.refunds = refunds;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** On {@code order.paid}: the booking is confirmed; a booking that ended meanwhile gets its payment back. */
    public void orderPaid(OrderEvent e) {
        Booking b = e.getBookingId() == null ? null : bookings.find(e.getBookingId()).orElse(null);
        if (b == null) {
            log.error("order.paid for order {} names booking {}, which does not exist: ignored", e.getOrderId(), e.getBookingId());
            return;
        }
        if (b.orderId() == null || !b.orderId().equals(e.getOrderId())) {
            log.error("order.paid for order {} but booking {} has order {}: ignored", e.getOrderId(), b.id(), b.orderId());
            return;
        }
        // Anyone with broker access could publish an event: order-service says whether it is paid.
        OrderView order = orders.get(e.getOrderId());
        if (order.getStatus() != OrderStatus.PAID || !b.id().equals(order.getBookingId())) {
            log.error("order.paid for order {} of booking {}, but order-service has it {} for booking {}: ignored",
                    e.getOrderId(), b.id(), order.getStatus(), order.getBookingId());
            return;
        }
        switch (b.confirm(clock.instant())) {
            case CONFIRMED -> tx.executeWithoutResult(s -> {
                bookings.update(b);
                events.publish(BookingEvent.CONFIRMED, b);
                log.info("Confirmed {}", b);
            });
            case ALREADY_CONFIRMED -> log.info("Booking {} already confirmed", b.id());
            case NOT_BOOKABLE_ANY_MORE -> {
                log.warn("Order {} was paid but booking {} is {}: asking for a refund", e.getOrderId(), b.id(), b.status());
                refunds.refundIfPaid(e.getOrderId(), "BOOKING_" + b.status());
            }
        }
    }

    /**
     * On {@code booking.cancelled} asking for a refund: only when this service's own row says the booking is cancelled
     * and that order is its order; the refund itself is asked only for a PAID order.
     */
    public void refundAfterCancel(BookingEvent e) {
        Booking b = e.getBookingId() == null ? null : bookings.find(e.getBookingId()).orElse(null);
        if (b == null || b.status() != BookingStatus.CANCELLED || b.orderId() == null || !b.orderId().equals(e.getOrderId())) {
            log.error("booking.cancelled asks a refund of order {} for booking {}, which is not a cancelled booking of that"
                    + " order here: ignored", e.getOrderId(), e.getBookingId());
            return;
        }
        refunds.refundIfPaid(b.orderId(), "BOOKING_CANCELLED");
    }
}
