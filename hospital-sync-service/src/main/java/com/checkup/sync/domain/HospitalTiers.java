package com.checkup.sync.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Named tiers of hospitals (服务隔离), each served by its own copy of hospital-sync-service (its own Deployment), so a
 * failing or overloaded copy never touches the other hospitals' bookings. Written as {@code checkup.sync.tiers}, e.g.
 * {@code large=H001,H002;north=H010}, the same value for every copy; each copy names the {@link #tier tier} it
 * serves, and the default copy (no tier named) serves every hospital in no tier. So exactly one copy is responsible for
 * each hospital, and moving a hospital is editing this value and rolling the copies.
 *
 * <p>Syntax: tiers separated by {@code ;}, each {@code <name>=<hospital>,<hospital>...}; blanks around names and ids
 * are ignored; an empty value means no tiers (the default copy serves everyone). A tier name is 1-32 lower-case
 * letters, digits or inner {@code -} (it becomes part of a consumer group and a Deployment name), never
 * {@code default}; a hospital id is that of the platform (1-32 letters, digits, {@code _} or {@code -}). Anything else
 * — an empty tier, a hospital listed twice or in two tiers, a name given twice, an empty entry — is refused with a
 * message naming it: a copy never starts on a map it might read differently from the others.
 */
public final class HospitalTiers {
    /** What the copy serving no named tier calls itself (and what no tier may be called). */
    public static final String DEFAULT = "default";
    static final Pattern TIER_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");
    static final Pattern HOSPITAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String PROPERTY = "checkup.sync.tiers";

    private final Map<String, SortedSet<String>> tiers;
    private final Map<String, String> tierOf;

    private HospitalTiers(Map<String, SortedSet<String>> tiers) {
        this.tiers = tiers;
        Map<String, String> of = new LinkedHashMap<>();
        tiers.forEach((tier, hospitals) -> hospitals.forEach(h -> of.put(h, tier)));
        this.tierOf = of;
    }

    /** No named tiers: the default copy serves every hospital. */
    public static HospitalTiers none() {
        return new HospitalTiers(Map.of());
    }

    /**
     * Reads {@code checkup.sync.tiers}.
     *
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static HospitalTiers parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        Map<String, SortedSet<String>> tiers = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        String[] entries = spec.split(";", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                throw bad("entry " + (i + 1) + " is empty (a ';' too many?) in '" + spec.trim() + "'");
            }
            int eq = entry.indexOf('=');
            if (eq < 0 || entry.indexOf('=', eq + 1) >= 0) {
                throw bad("'" + entry + "' is not <tier>=<hospital>,<hospital>... (tiers are separated by ';')");
            }
            String name = entry.substring(0, eq).trim();
            if (name.isEmpty()) {
                throw bad("'" + entry + "' has no tier name before '='");
            }
            if (DEFAULT.equals(name)) {
                throw bad("'" + DEFAULT + "' is the copy that serves every hospital in no tier, not a tier name");
            }
            if (!TIER_NAME.matcher(name).matches()) {
                throw bad("tier name '" + name + "' must be 1-32 lower-case letters, digits or '-' (not first or last)");
            }
            if (tiers.containsKey(name)) {
                throw bad("tier '" + name + "' is given twice");
            }
            String list = entry.substring(eq + 1).trim();
            if (list.isEmpty()) {
                throw bad("tier '" + name + "' lists no hospital");
            }
            SortedSet<String> hospitals = new TreeSet<>();
            for (String raw : list.split(",", -1)) {
                String h = raw.trim();
                if (h.isEmpty()) {
                    throw bad("tier '" + name + "' has an empty hospital id (a ',' too many?) in '" + list + "'");
                }
                if (!HOSPITAL_ID.matcher(h).matches()) {
                    throw bad("'" + h + "' in tier '" + name + "' is not a hospital id (1-32 letters, digits, '_' or '-')");
                }
                String other = seen.putIfAbsent(h, name);
                if (other != null) {
                    throw bad(other.equals(name) ? "hospital " + h + " is listed twice in tier '" + name + "'"
                            : "hospital " + h + " is in tiers '" + other + "' and '" + name
                            + "': exactly one copy serves a hospital");
                }
                hospitals.add(h);
            }
            tiers.put(name, Collections.unmodifiableSortedSet(hospitals));
        }
        return new HospitalTiers(Collections.unmodifiableMap(tiers));
    }

    /**
     * What the copy configured with {@code checkup.sync.tier = name} serves: blank names the default copy.
     *
     * @throws IllegalArgumentException when the name is no tier of this map
     */
    public Tier tier(String name) {
        if (name == null || name.isBlank()) {
            return Tier.defaultCopy(tierOf.keySet());
        }
        String n = name.trim();
        SortedSet<String> hospitals = tiers.get(n);
        if (hospitals == null) {
            throw new IllegalArgumentException("checkup.sync.tier is '" + n + "', which is no tier of " + PROPERTY
                    + (tiers.isEmpty() ? " (none is configured)" : " (" + String.join(", ", tiers.keySet()) + ")")
                    + "; leave it empty for the default copy, which serves every hospital in no tier");
        }
        return Tier.named(n, hospitals);
    }

    /** Tier name → its hospitals, in the order written. */
    public Map<String, Set<String>> tiers() {
        return Collections.unmodifiableMap(tiers);
    }

    /** The named tier the hospital is in; empty when the default copy serves it. */
    public Optional<String> tierOf(String hospitalId) {
        return Optional.ofNullable(tierOf.get(hospitalId));
    }

    /** The canonical text of this map (what {@link #parse} reads back to the same map). */
    @Override
    public String toString() {
        return tiers.entrySet().stream().map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
                .collect(Collectors.joining(";"));
    }

    private static IllegalArgumentException bad(String what) {
        return new IllegalArgumentException(PROPERTY + ": " + what);
    }
}
