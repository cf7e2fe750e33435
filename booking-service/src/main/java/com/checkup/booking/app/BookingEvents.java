package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Slot;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.events.EventPublisher;
import org.springframework.stereotype.Component;

/** A booking's changes as events on {@link Topics#BOOKING}, one payload for every use case; written in the change's transaction. */
@Component
public class BookingEvents {
    private final EventPublisher events;

    public BookingEvents(EventPublisher events) {
        this.events = events;
    }

    public void publish(String type, Booking b) {
        publish(type, b, null, false, null);
    }

    /** {@code previous}: where a moved booking was; {@code refundRequired}: a paid booking's money is to go back. */
    public void publish(String type, Booking b, Slot previous, boolean refundRequired, String reason) {
        events.publish(Topics.BOOKING, type, b.id(), event(b, previous, refundRequired, reason));
    }

    /** The event payload of a booking change. */
    public static BookingEvent event(Booking b, Slot previous, boolean refundRequired, String reason) {
        BookingEvent e = new BookingEvent();
        e.setBookingId(b.id());
        e.setOrderId(b.orderId());
        e.setConsumerId(b.consumerId());
        e.setHospitalId(b.hospitalId());
        e.setPackageId(b.packageId());
        e.setDate(b.slot().date().toString());
        e.setPeriod(b.slot().period().name());
        e.setStatus(b.status());
        if (previous != null) {
            e.setPreviousDate(previous.date().toString());
            e.setPreviousPeriod(previous.period().name());
        }
        e.setRefundRequired(refundRequired);
        e.setReason(reason);
        return e;
    }
}
