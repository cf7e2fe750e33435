package com.checkup.contracts.booking;

import java.util.List;

/**
 * Catalogue, availability and bookings (booking-service). The consumer is taken from the call context (set by the
 * gateway), never from a parameter: a consumer only ever sees and changes their own bookings.
 * Errors: {@code VALIDATION_FAILED} (bad input, with the field), {@code NOT_FOUND}, {@code SOLD_OUT},
 * {@code NOT_ELIGIBLE} (package gender/age limits), {@code CONFLICT} (illegal transition, cut-off passed),
 * {@code IDEMPOTENCY_CONFLICT}, {@code UNAUTHENTICATED} (no consumer in the context), {@code UNAVAILABLE}.
 */
public interface BookingService {
    /**
     * Every hospital in one answer, by id: for services that map ids to names (message-service). Not for screens: with
     * thousands of hospitals use {@link #hospitalPage}.
     */
    List<HospitalView> hospitals();

    /**
     * One page of hospitals by id, of one city when {@code city} is given (exact name as {@link #cities()} gives it; an
     * unknown city is an empty page). {@code cursor} is a page's {@link HospitalPage#getNextCursor()}, none for the
     * first page; {@code limit} 1..200, 50 when none. A cursor not given out here, a blank or over-long city, a limit
     * out of range: {@code VALIDATION_FAILED} naming it.
     */
    HospitalPage hospitalPage(String city, String cursor, Integer limit);

    /** One hospital; {@code NOT_FOUND} when there is none (a page that names a hospital without the whole list). */
    HospitalView hospital(String hospitalId);

    /** The cities that have hospitals, by name, each with its number of hospitals. */
    List<CityView> cities();

    List<PackageView> packages(String hospitalId);

    /**
     * Places left per day and period between two ISO dates (inclusive, at most 62 days), for a package when
     * {@code packageId} is given (its resources count), else for the day's total.
     */
    List<SlotAvailability> availability(String hospitalId, String packageId, String from, String to);

    /**
     * Holds a place (HELD, with an expiry) and creates its order. Repeating with the same idempotency key returns
     * the same booking; the same key with a different request is {@code IDEMPOTENCY_CONFLICT}.
     */
    BookingView hold(HoldRequest request);

    BookingView get(String bookingId);

    /** The caller's bookings, newest first. */
    List<BookingView> mine();

    /** Cancels a held or confirmed booking: the place goes back, a paid booking is refunded. */
    BookingView cancel(String bookingId, String reason);

    /** Moves a held or confirmed booking to another day/period: the new place is taken before the old is given back. */
    BookingView reschedule(String bookingId, String date, String period);
}
