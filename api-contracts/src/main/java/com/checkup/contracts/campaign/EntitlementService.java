package com.checkup.contracts.campaign;

import com.checkup.contracts.booking.BookingView;

/**
 * An employee's side of a campaign, in the consumer app, by the code they were sent (persona {@code CONSUMER}).
 * The first consumer to book with a code owns it; anyone else then gets NOT_FOUND for it.
 */
public interface EntitlementService {
    EntitlementView entitlement(String code);

    /**
     * Books the entitled package for the roster's employee on a day and period of the campaign's window: CONFIRMED at
     * once, nothing to pay. Errors: CONFLICT (window closed, already booked), VALIDATION_FAILED (a day outside the
     * window), QUOTA_EXHAUSTED (the company's quota or budget is used up), SOLD_OUT (no place, or the campaign's share
     * of that day is used up).
     */
    BookingView book(String code, String date, String period);
}
