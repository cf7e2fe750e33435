package com.checkup.sync.rpc;

import com.checkup.sync.app.Bookings;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.HospitalFeed;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/**
 * booking-service over Dubbo; called as SYSTEM (the sync worker binds it), which may read any booking and relay what
 * a hospital's system reports.
 */
@Component
public class BookingClient implements Bookings {
    @DubboReference(check = false, timeout = 3000, retries = 1)
    private BookingService bookings;

    @DubboReference(check = false, timeout = 3000, retries = 1)
    private HospitalFeed feed;

    public BookingView get(String bookingId) {
        return bookings.get(bookingId);
    }

    /** The hospital's system saw the examinee arrive; a repeat is harmless. */
    public BookingView checkedIn(String bookingId) {
        return feed.checkedIn(bookingId);
    }
}
