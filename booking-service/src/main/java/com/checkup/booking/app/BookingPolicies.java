package com.checkup.booking.app;

import com.checkup.booking.domain.ChangeDeadline;
import com.checkup.contracts.flags.FlagCatalogue;
import com.checkup.platform.flags.FeatureFlag;
import com.checkup.platform.flags.FeatureFlags;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Per-hospital rules, live from feature flags (ops changes them without a restart); defaults when no config center
 * is configured or a hospital has no value.
 */
@Component
public class BookingPolicies {
    /** How long an unpaid hold keeps its place. */
    public static final FeatureFlag<Duration> HOLD_EXPIRY = FeatureFlag.ofDuration(FlagCatalogue.HOLD_EXPIRY.name(), Duration.ofMinutes(15));
    /** How many days ahead bookings are open (today + N). */
    public static final FeatureFlag<Integer> BOOKING_WINDOW_DAYS = FeatureFlag.ofInt(FlagCatalogue.BOOKING_WINDOW_DAYS.name(), 30);
    /** How long before the exam day starts paid bookings can last be cancelled or moved (PT6H = 18:00 the day before). */
    public static final FeatureFlag<Duration> CHANGE_DEADLINE = FeatureFlag.ofDuration(FlagCatalogue.CHANGE_DEADLINE.name(), Duration.ofHours(6));

    /** How many unpaid holds one consumer may have at a time (so one account cannot hold a whole day). */
    public static final FeatureFlag<Integer> MAX_UNPAID_HOLDS = FeatureFlag.ofInt(FlagCatalogue.MAX_UNPAID_HOLDS.name(), 3);

    private final ObjectProvider<FeatureFlags> flags;
    private volatile Optional<FeatureFlags> resolved;

    public BookingPolicies(ObjectProvider<FeatureFlags> flags) {
        this.flags = flags;
    }

    /** Longest hold a flag may ask for: an unpaid place should not be blocked for days (and timers have a range). */
    static final Duration MAX_HOLD = Duration.ofHours(12);

    public Duration holdExpiry(String hospitalId) {
        Duration d = get(HOLD_EXPIRY, hospitalId);
        if (d.isNegative() || d.isZero()) {
            return HOLD_EXPIRY.defaultValue();
        }
        return d.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : d;
    }

    public int bookingWindowDays(String hospitalId) {
        return Math.max(0, get(BOOKING_WINDOW_DAYS, hospitalId));
    }

    /** A day the hospital takes bookings for now: not past (in its zone), not beyond its booking window. */
    public void checkBookable(com.checkup.booking.domain.Hospital h, java.time.LocalDate date, java.time.Instant now) {
        java.time.LocalDate today = h.today(now);
        if (date.isBefore(today)) {
            throw new com.checkup.contracts.error.BusinessException(com.checkup.contracts.error.ErrorCode.VALIDATION_FAILED,
                    "date " + date + " is in the past (today is " + today + " in " + h.city() + ")");
        }
        int window = bookingWindowDays(h.id());
        if (date.isAfter(today.plusDays(window))) {
            throw new com.checkup.contracts.error.BusinessException(com.checkup.contracts.error.ErrorCode.VALIDATION_FAILED,
                    "date " + date + " is too far ahead: " + h.name() + " takes bookings up to " + today.plusDays(window));
        }
    }

    public int maxUnpaidHolds(String hospitalId) {
        return Math.max(1, get(MAX_UNPAID_HOLDS, hospitalId));
    }

    public ChangeDeadline changeDeadline(String hospitalId) {
        return new ChangeDeadline(get(CHANGE_DEADLINE, hospitalId));
    }

    private <T> T get(FeatureFlag<T> flag, String hospitalId) {
        FeatureFlags f = featureFlags();
        return f == null ? flag.defaultValue() : f.get(flag, hospitalId);
    }

    /** Looked up once: asking the bean factory on every read cost 2 % of a hold's CPU (three reads per hold). */
    private FeatureFlags featureFlags() {
        Optional<FeatureFlags> f = resolved;
        if (f == null) {
            f = Optional.ofNullable(flags.getIfAvailable());
            resolved = f;
        }
        return f.orElse(null);
    }
}
