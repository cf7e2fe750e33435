package com.checkup.booking.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Instant;

/** A hospital; its own time zone decides what "today" and cut-offs mean for its bookings. */
public record Hospital(String id, String name, String city, ZoneId zone, String connector) {
    public LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }
}
