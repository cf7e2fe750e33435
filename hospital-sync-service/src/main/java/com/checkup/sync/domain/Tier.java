package com.checkup.sync.domain;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The hospitals one copy of hospital-sync-service is responsible for ({@link HospitalTiers#tier}): a named tier's
 * hospitals, or — the default copy — every hospital that is in no named tier. Only the responsible copy calls a
 * hospital's system, runs its jobs, pulls its bookings' status and keeps its circuit.
 */
public final class Tier {
    private final String name;
    /** Named tier: the hospitals it serves. Default copy: the hospitals of the named tiers, which it does not serve. */
    private final SortedSet<String> hospitals;

    private Tier(String name, Set<String> hospitals) {
        this.name = name;
        this.hospitals = Collections.unmodifiableSortedSet(new TreeSet<>(hospitals));
    }

    static Tier named(String name, Set<String> hospitals) {
        if (hospitals.isEmpty()) {
            throw new IllegalArgumentException("A tier serves at least one hospital");
        }
        return new Tier(Objects.requireNonNull(name), hospitals);
    }

    /** The default copy: every hospital but those of the named tiers. */
    public static Tier defaultCopy(Set<String> inNamedTiers) {
        return new Tier(null, inNamedTiers);
    }

    /** The default copy when no tiers are configured: every hospital. */
    public static Tier everyHospital() {
        return defaultCopy(Set.of());
    }

    public boolean serves(String hospitalId) {
        return isDefault() != hospitals.contains(hospitalId);
    }

    public boolean isDefault() {
        return name == null;
    }

    /** The tier's name, or {@value HospitalTiers#DEFAULT} for the default copy. */
    public String name() {
        return isDefault() ? HospitalTiers.DEFAULT : name;
    }

    /** A named tier's hospitals (the only ones it serves); null for the default copy. */
    public Set<String> only() {
        return isDefault() ? null : hospitals;
    }

    /** The hospitals the default copy leaves to the named tiers (empty: it serves all); null for a named tier. */
    public Set<String> except() {
        return isDefault() ? hospitals : null;
    }

    @Override
    public String toString() {
        if (!isDefault()) {
            return "tier " + name + " (hospitals " + String.join(", ", hospitals) + ")";
        }
        return hospitals.isEmpty() ? "the default copy (every hospital)"
                : "the default copy (every hospital but " + String.join(", ", hospitals) + ")";
    }
}
