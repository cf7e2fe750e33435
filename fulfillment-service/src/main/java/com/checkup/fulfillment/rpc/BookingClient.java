package com.checkup.fulfillment.rpc;

import com.checkup.fulfillment.app.Bookings;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.DeskService;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/** booking-service over Dubbo, called as the desk that made the request (its identity travels with the call). */
@Component
public class BookingClient implements Bookings {
    @DubboReference(check = false, timeout = 3000, retries = 1)
    private DeskService desk;

    /** The booking of the calling desk's hospital; NOT_FOUND for another hospital's. */
    public BookingView deskBooking(String bookingIdOrCode) {
        return desk.booking(bookingIdOrCode);
    }
}
