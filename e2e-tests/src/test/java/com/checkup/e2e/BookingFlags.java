package com.checkup.e2e;

import com.checkup.platform.flags.FeatureFlag;
import java.time.Duration;

/** booking-service's flags as ops set them (same names and types; e2e tests cannot see the service's classes). */
final class BookingFlags {
    static final FeatureFlag<Duration> HOLD_EXPIRY = FeatureFlag.ofDuration("hold-expiry", Duration.ofMinutes(15));

    private BookingFlags() {
    }
}
