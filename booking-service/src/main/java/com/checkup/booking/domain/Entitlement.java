package com.checkup.booking.domain;

import java.time.LocalDate;

/**
 * An employee's right to one company-paid booking, as stored: the code they book with, and the booking made with it
 * (null until then, or again after a cancel). ID number and phone stay encrypted; who needs them decrypts them.
 */
public record Entitlement(String id, String campaignId, String employeeNo, String code, String name, Gender gender,
                          LocalDate birthDate, String idNumberEnc, String phoneEnc, String packageId, String consumerId,
                          String bookingId) {
}
