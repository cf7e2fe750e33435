package com.checkup.platform.retry;

import java.time.Duration;

/** Retries with exponential backoff (shared by every service that retries work): {@code first}, then ×{@code multiplier} up to {@code max}; {@code attempts} tries in all. */
public record RetryPolicy(int attempts, Duration first, double multiplier, Duration max) {
    public RetryPolicy {
        if (attempts < 1 || first.isNegative() || multiplier < 1) {
            throw new IllegalArgumentException("bad retry policy");
        }
    }

    /** The wait after failed try number {@code tries} (1-based), or null when no try is left. */
    public Duration delayAfter(int tries) {
        if (tries >= attempts) {
            return null;
        }
        double millis = first.toMillis() * Math.pow(multiplier, tries - 1);
        return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
    }

    /** How a failure is recorded: the exception's type and message, {@link #clip clipped}. */
    public static String describe(Throwable e) {
        return clip(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** A recorded error text: "unknown" when there is none, at most 500 characters (the columns' width). */
    public static String clip(String error) {
        if (error == null || error.isBlank()) {
            return "unknown";
        }
        return error.length() > 500 ? error.substring(0, 500) : error;
    }
}
