package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.util.List;
import org.springframework.stereotype.Service;

/** A consumer's bookings as they see them. */
@Service
public class BookingQueries {
    private final BookingRepository bookings;

    public BookingQueries(BookingRepository bookings) {
        this.bookings = bookings;
    }

    public Booking get(String bookingId) {
        return visible(bookingId);
    }

    public List<Booking> mine() {
        return bookings.ofConsumer(BookingAccess.consumer(), 100);
    }

    /** A booking the caller may see: their own (ops and the system see all); others' are NOT_FOUND, not FORBIDDEN. */
    Booking visible(String bookingId) {
        String id = CatalogueQueries.required("bookingId", bookingId);
        var owner = BookingAccess.owner();
        return bookings.find(id).filter(b -> owner.isEmpty() || owner.get().equals(b.consumerId()))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No booking " + id));
    }
}
