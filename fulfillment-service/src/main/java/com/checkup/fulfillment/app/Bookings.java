package com.checkup.fulfillment.app;

import com.checkup.contracts.booking.BookingView;

/** booking-service as the desk sees it: the desk's own hospital's bookings only. */
public interface Bookings {
    /** The booking of the calling desk's hospital, by id or check-in code; NOT_FOUND for another hospital's. */
    BookingView deskBooking(String bookingIdOrCode);
}
