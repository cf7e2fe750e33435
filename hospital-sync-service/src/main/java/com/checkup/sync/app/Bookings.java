package com.checkup.sync.app;

import com.checkup.contracts.booking.BookingView;

/** booking-service as the sync needs it, asked as this service (SYSTEM): reads any booking, relays what hospitals report. */
public interface Bookings {
    BookingView get(String bookingId);

    /** The hospital's system saw the examinee arrive; a repeat is harmless. */
    BookingView checkedIn(String bookingId);
}
