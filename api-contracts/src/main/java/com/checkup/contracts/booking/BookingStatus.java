package com.checkup.contracts.booking;

/** HELD → CONFIRMED → CHECKED_IN → COMPLETED, or CANCELLED / EXPIRED / NO_SHOW. */
public enum BookingStatus {
    /** A place is held until the order is paid or the hold expires. */
    HELD,
    CONFIRMED,
    CHECKED_IN,
    COMPLETED,
    CANCELLED,
    /** The hold ran out unpaid; the place went back. */
    EXPIRED,
    NO_SHOW
}
