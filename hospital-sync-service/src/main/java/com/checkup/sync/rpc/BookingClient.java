package com.checkup.sync.rpc;

import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.BookingView;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/** booking-service over Dubbo; called as SYSTEM (the sync worker binds it), which may read any booking. */
@Component
public class BookingClient {
    @DubboReference(check = false, timeout = 3000, retries = 1)
    private BookingService bookings;

    public BookingView get(String bookingId) {
        return bookings.get(bookingId);
    }
}
