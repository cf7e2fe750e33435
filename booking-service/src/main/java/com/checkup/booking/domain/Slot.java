package com.checkup.booking.domain;

import java.time.LocalDate;
import java.util.Objects;

/** A hospital's half-day: the unit capacity is counted in. */
public record Slot(String hospitalId, LocalDate date, Period period) {
    public Slot {
        Objects.requireNonNull(hospitalId, "hospitalId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(period, "period");
    }

    @Override
    public String toString() {
        return hospitalId + " " + date + " " + period;
    }
}
