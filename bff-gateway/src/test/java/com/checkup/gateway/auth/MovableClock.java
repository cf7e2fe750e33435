package com.checkup.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves (the auth tests share it). */
final class MovableClock extends Clock {
    private volatile long millis;

    MovableClock() {
        this(Instant.ofEpochMilli(1_800_000_000_000L));
    }

    MovableClock(Instant start) {
        millis = start.toEpochMilli();
    }

    void set(Instant at) {
        millis = at.toEpochMilli();
    }

    void advance(Duration d) {
        millis += d.toMillis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }
}
