package com.checkup.contracts.booking;

/**
 * What a hospital's own check-up system reports back about a booking, relayed by hospital-sync-service (persona
 * {@code SYSTEM} only; anyone else is FORBIDDEN). Repeats are harmless: the same report answers the same state.
 */
public interface HospitalFeed {
    /**
     * The hospital's system saw the examinee arrive: CONFIRMED → CHECKED_IN on the booked day (as a desk check-in
     * would). Already CHECKED_IN or COMPLETED answers the booking unchanged; any other state, or another day, is
     * CONFLICT (a person must look at it).
     */
    BookingView checkedIn(String bookingId);
}
