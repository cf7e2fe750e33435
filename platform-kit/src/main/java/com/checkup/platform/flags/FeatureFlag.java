package com.checkup.platform.flags;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed flag with a default. Values are stored as text in the config center; the parser turns them into T
 * and rejects bad text (the ops API validates before writing, a reader falls back to the default).
 */
public final class FeatureFlag<T> {
    private final String name;
    private final Function<String, T> parser;
    private final T defaultValue;

    private FeatureFlag(String name, Function<String, T> parser, T defaultValue) {
        if (!name.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("Flag names are lower-case words joined by '-': " + name);
        }
        this.name = name;
        this.parser = parser;
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    }

    public static FeatureFlag<Boolean> ofBoolean(String name, boolean defaultValue) {
        return new FeatureFlag<>(name, FeatureFlag::parseBoolean, defaultValue);
    }

    public static FeatureFlag<Integer> ofInt(String name, int defaultValue) {
        return new FeatureFlag<>(name, s -> Integer.valueOf(s.trim()), defaultValue);
    }

    /** ISO-8601 ({@code PT15M}) or plain minutes ({@code 15}). */
    public static FeatureFlag<Duration> ofDuration(String name, Duration defaultValue) {
        return new FeatureFlag<>(name, FeatureFlag::parseDuration, defaultValue);
    }

    public static FeatureFlag<String> ofString(String name, String defaultValue) {
        return new FeatureFlag<>(name, String::trim, defaultValue);
    }

    /** A flag of a service's own type; {@code parser} throws IllegalArgumentException (with a reason) for bad text. */
    public static <T> FeatureFlag<T> of(String name, Function<String, T> parser, T defaultValue) {
        return new FeatureFlag<>(name, parser, defaultValue);
    }

    public static <E extends Enum<E>> FeatureFlag<E> ofEnum(String name, Class<E> type, E defaultValue) {
        return new FeatureFlag<>(name, s -> Enum.valueOf(type, s.trim().toUpperCase()), defaultValue);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** Parses a stored value; throws IllegalArgumentException with a readable reason when it is not a T. */
    public T parse(String raw) {
        try {
            T v = parser.apply(raw);
            if (v == null) {
                throw new IllegalArgumentException("empty");
            }
            return v;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a valid value for flag " + name, e);
        }
    }

    private static Boolean parseBoolean(String s) {
        String v = s.trim().toLowerCase();
        if (v.equals("true") || v.equals("on") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("off") || v.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Duration parseDuration(String s) {
        String v = s.trim();
        return v.matches("\\d+") ? Duration.ofMinutes(Long.parseLong(v)) : Duration.parse(v);
    }

    @Override
    public String toString() {
        return "FeatureFlag[" + name + ", default " + defaultValue + "]";
    }
}
