package com.checkup.contracts.booking;

import java.util.List;

/**
 * The hospital desk's side of bookings. Every method is scoped to the caller's hospital (persona {@code DESK}, tenant
 * = hospital id): another hospital's booking answers NOT_FOUND, and any other persona FORBIDDEN.
 */
public interface DeskService {
    /** The desk's own hospital (its name and time zone: the desk's "today" and every time it shows are in that zone). */
    HospitalView hospital();

    /** Bookings of the desk's hospital for a day (ISO date; null or blank = today in the hospital's time zone) that
     *  are expected or were handled: CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW; by period, then name. */
    List<BookingView> arrivals(String date);

    /** CONFIRMED → CHECKED_IN, on the booked day only, by booking id or by the examinee's check-in code; a repeat
     *  answers the same state. A HELD (unpaid) booking or another day's is CONFLICT. */
    BookingView checkIn(String bookingIdOrCode);

    /** One booking of the desk's hospital, by id or check-in code. */
    BookingView booking(String bookingIdOrCode);

    /** The desk's capacity rows for a day: per period, TOTAL and each limited resource, with what is used. */
    List<CapacityView> capacity(String date);

    /** Sets a day's totals for one period (TOTAL and/or resources such as CT), today or later; a total below what is
     *  already booked is CONFLICT and nothing changes. Answers the day's rows after the change. */
    List<CapacityView> setCapacity(CapacityChange change);
}
