package com.checkup.booking.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Limited resources a booking takes besides its place in the slot (e.g. {@code CT}). Kept sorted: every transaction
 * locks capacity rows in the same order, so holds never deadlock each other.
 */
public final class Resources {
    /** The capacity row counting the slot's places. */
    public static final String TOTAL = "TOTAL";
    /** Examinations that need nothing scarce; never limited. */
    public static final String GENERAL = "GENERAL";
    /**
     * Prefix of a campaign's share of a slot ({@code SHARE:<campaignId>}): places set aside from TOTAL when the
     * campaign started. A booking from the share takes the share's row instead of TOTAL's.
     */
    public static final String SHARE_PREFIX = "SHARE:";

    public static String share(String campaignId) {
        return SHARE_PREFIX + campaignId;
    }

    /** Whether these resources take their place from a campaign's share rather than from the slot's TOTAL. */
    public static boolean fromShare(Collection<String> resources) {
        return resources.stream().anyMatch(r -> r.startsWith(SHARE_PREFIX));
    }

    private Resources() {
    }

    /** The limited resources among those used by a package's items, upper case, sorted, without GENERAL. */
    public static List<String> limited(Collection<String> used) {
        TreeSet<String> out = new TreeSet<>();
        for (String r : used) {
            if (r != null && !r.isBlank()) {
                String name = r.trim().toUpperCase(Locale.ROOT);
                if (!name.equals(GENERAL) && !name.equals(TOTAL)) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }

    public static String join(List<String> resources) {
        return String.join(",", resources);
    }

    public static List<String> split(String stored) {
        return stored == null || stored.isBlank() ? List.of() : limited(Arrays.asList(stored.split(",")));
    }
}
