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
    List<HospitalView> hospitals();

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
