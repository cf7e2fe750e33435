package com.checkup.message.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A hospital's quiet hours (flag {@code quiet-hours}): {@code off}, or {@code HH:mm-HH:mm} in the hospital's time
 * zone, possibly across midnight ({@code 21:30-08:00}). Nothing is sent inside; it waits for the end.
 */
public record QuietHours(LocalTime from, LocalTime to) {
    public static final QuietHours OFF = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public static QuietHours parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("off")) {
            return OFF;
        }
        String[] parts = t.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected off or HH:mm-HH:mm");
        }
        return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    }

    /** When the quiet time around {@code now} ends, or empty when {@code now} is not quiet. */
    public Optional<Instant> endIfQuiet(Instant now, ZoneId zone) {
        if (from.equals(to)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean overnight = from.isAfter(to);
        boolean quiet = overnight ? !t.isBefore(from) || t.isBefore(to) : !t.isBefore(from) && t.isBefore(to);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return Optional.of(end.toInstant());
    }

    @Override
    public String toString() {
        return from.equals(to) ? "off" : from + "-" + to;
    }
}
