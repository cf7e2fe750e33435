package com.checkup.contracts.booking;

/**
 * Where to reach an examinee, for the platform's own notifications (message-service's SMS provider): the mobile number
 * booking-service keeps encrypted, decrypted for the platform only. Persona {@code SYSTEM} called as
 * {@code message-service} only; anyone else is FORBIDDEN (a desk, ops or a consumer read masked numbers elsewhere).
 * The answer is personal data: callers never log it unmasked and never put it into events.
 */
public interface ExamineeContacts {
    /** The mobile number of a booking's examinee; {@code NOT_FOUND} when there is no such booking. */
    String phoneOfBooking(String bookingId);

    /**
     * The mobile number of a company's employee, from the most recently changed roster row of that employee (any of
     * the company's campaigns); {@code NOT_FOUND} when the company has no such employee.
     */
    String phoneOfEmployee(String companyId, String employeeNo);
}
