package com.checkup.contracts.flags;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every per-hospital feature flag of the platform: its name, the service that reads it, its type and range. The
 * gateway checks a value against it when ops write one (400 naming what is wrong), and each service defines its flag
 * from the same entry, so the two can never disagree on what a value means. Like {@link
 * com.checkup.contracts.context.IdentityAssertion}, a format both sides share, not a policy.
 */
public final class FlagCatalogue {
    public enum Kind { BOOLEAN, INT, DURATION, QUIET_HOURS, CONNECTOR }

    /** One flag: what a value must be. */
    public static final class Flag {
        private final String name;
        private final String service;
        private final Kind kind;
        private final long min;
        private final long max;
        private final String description;

        private Flag(String name, String service, Kind kind, long min, long max, String description) {
            this.name = name;
            this.service = service;
            this.kind = kind;
            this.min = min;
            this.max = max;
            this.description = description;
        }

        public String name() {
            return name;
        }

        public String service() {
            return service;
        }

        public Kind kind() {
            return kind;
        }

        public String description() {
            return description;
        }

        /** Smallest value: a number for INT, milliseconds for DURATION, 0 where the kind has no range. */
        public long min() {
            return min;
        }

        /** Largest value, in the same unit as {@link #min()}. */
        public long max() {
            return max;
        }

        /**
         * The value in its canonical text, or IllegalArgumentException saying what is wrong. A connector's host must be
         * one of {@code connectorHosts} (deployment config): a flag must never point the platform at any address.
         */
        public String check(String raw, ConnectorHosts connectorHosts) {
            if (raw == null || raw.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String v = raw.trim();
            if (v.length() > 300) {
                throw new IllegalArgumentException(name + ": a value is at most 300 characters");
            }
            switch (kind) {
                case BOOLEAN:
                    return bool(v);
                case INT:
                    return Long.toString(integer(v));
                case DURATION:
                    return duration(v).toString();
                case QUIET_HOURS:
                    return quietHours(v);
                case CONNECTOR:
                    return connector(v, connectorHosts);
                default:
                    throw new IllegalStateException(kind.name());
            }
        }

        private String bool(String v) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true": case "on": case "1":
                    return "true";
                case "false": case "off": case "0":
                    return "false";
                default:
                    throw new IllegalArgumentException(name + " is true or false, not '" + clip(v) + "'");
            }
        }

        private long integer(String v) {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is a whole number, not '" + clip(v) + "'");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " is between " + min + " and " + max + ", not " + n);
            }
            return n;
        }

        private Duration duration(String v) {
            Duration d;
            try {
                d = v.matches("\\d{1,9}") ? Duration.ofMinutes(Long.parseLong(v)) : Duration.parse(v);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(name + " is a duration (PT15M, or minutes: 15), not '" + clip(v) + "'");
            }
            if (d.toMillis() < min || d.toMillis() > max) {
                throw new IllegalArgumentException(name + " is between " + Duration.ofMillis(min) + " and "
                        + Duration.ofMillis(max) + ", not " + d);
            }
            return d;
        }

        private String quietHours(String v) {
            if (v.equalsIgnoreCase("off")) {
                return "off";
            }
            String[] parts = v.split("-");
            try {
                if (parts.length == 2) {
                    return LocalTime.parse(parts[0].trim()) + "-" + LocalTime.parse(parts[1].trim());
                }
            } catch (DateTimeParseException e) {
                // below
            }
            throw new IllegalArgumentException(name + " is off or HH:mm-HH:mm, not '" + clip(v) + "'");
        }

        private String connector(String v, ConnectorHosts hosts) {
            if (v.equalsIgnoreCase("MANUAL")) {
                return "MANUAL";
            }
            String[] parts = v.split("\\s+");
            if (parts.length != 2 || !parts[0].equalsIgnoreCase("HTTP_JSON")) {
                throw new IllegalArgumentException(name + " is MANUAL or HTTP_JSON <base url>, not '" + clip(v) + "'");
            }
            URI url;
            try {
                url = new URI(parts[1]);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(name + ": '" + clip(parts[1]) + "' is not a URL");
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                    || url.getUserInfo() != null || url.getQuery() != null || url.getFragment() != null) {
                throw new IllegalArgumentException(name + ": the URL must be http(s)://host[:port]/path");
            }
            if (!hosts.allows(url)) {
                throw new IllegalArgumentException(name + ": " + ConnectorHosts.authority(url)
                        + " is not an allowed hospital system host (deployment config: connector hosts)");
            }
            String base = parts[1].endsWith("/") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
            return "HTTP_JSON " + base;
        }

        private static String clip(String v) {
            return v.length() > 40 ? v.substring(0, 40) + "…" : v;
        }
    }

    public static final Flag HOLD_EXPIRY = add("hold-expiry", "booking-service", Kind.DURATION, Duration.ofMinutes(1),
            Duration.ofHours(12), "How long an unpaid hold keeps its place");
    public static final Flag BOOKING_WINDOW_DAYS = add("booking-window-days", "booking-service", Kind.INT, 0, 365,
            "How many days ahead bookings are open");
    public static final Flag CHANGE_DEADLINE = add("change-deadline", "booking-service", Kind.DURATION, Duration.ZERO,
            Duration.ofDays(30), "How long before the exam day paid bookings can last be cancelled or moved");
    public static final Flag MAX_UNPAID_HOLDS = add("max-unpaid-holds", "booking-service", Kind.INT, 1, 20,
            "How many unpaid holds one consumer may have at a time");
    public static final Flag CONNECTOR = add("connector", "hospital-sync-service", Kind.CONNECTOR, 0, 0,
            "How the hospital's system is reached: MANUAL, or HTTP_JSON <base url> on an allowed host");
    public static final Flag CONNECTOR_TIMEOUT = add("connector-timeout", "hospital-sync-service", Kind.DURATION,
            Duration.ofMillis(100), Duration.ofMinutes(1), "How long a call to the hospital's system may take");
    public static final Flag QUIET_HOURS = add("quiet-hours", "message-service", Kind.QUIET_HOURS, 0, 0,
            "When no message is sent (hospital time): off or HH:mm-HH:mm");
    public static final Flag SIM_PROVIDER_DOWN = add("sim-provider-down", "message-service", Kind.BOOLEAN, 0, 0,
            "The simulated message provider fails every send (local testing)");

    private static Map<String, Flag> all;

    private FlagCatalogue() {
    }

    private static Flag add(String name, String service, Kind kind, Duration min, Duration max, String description) {
        return add(name, service, kind, min.toMillis(), max.toMillis(), description);
    }

    private static synchronized Flag add(String name, String service, Kind kind, long min, long max, String description) {
        if (all == null) {
            all = new LinkedHashMap<>();
        }
        Flag f = new Flag(name, service, kind, min, max, description);
        all.put(name, f);
        return f;
    }

    public static Optional<Flag> find(String name) {
        return Optional.ofNullable(all.get(name));
    }

    public static Map<String, Flag> all() {
        return Collections.unmodifiableMap(all);
    }
}
