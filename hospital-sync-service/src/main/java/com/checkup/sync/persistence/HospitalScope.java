package com.checkup.sync.persistence;

import com.checkup.sync.domain.Tier;
import java.util.Collection;

/**
 * The part of a claim query that keeps a copy to the hospitals it serves ({@link Tier}): a tier copy's
 * {@code hospital_id IN (...)}, the default copy's {@code hospital_id NOT IN (...)} (nothing when no tiers exist).
 * Mapper parameters {@code only} and {@code except}.
 */
final class HospitalScope {
    static final String SQL = " <if test='only != null'>AND hospital_id IN"
            + " <foreach item='h' collection='only' open='(' separator=',' close=')'>#{h}</foreach></if>"
            + " <if test='except != null and !except.isEmpty()'>AND hospital_id NOT IN"
            + " <foreach item='h' collection='except' open='(' separator=',' close=')'>#{h}</foreach></if>";
    /** {@link #SQL} for a query whose table is aliased {@code j}. */
    static final String SQL_J = " <if test='only != null'>AND j.hospital_id IN"
            + " <foreach item='h' collection='only' open='(' separator=',' close=')'>#{h}</foreach></if>"
            + " <if test='except != null and !except.isEmpty()'>AND j.hospital_id NOT IN"
            + " <foreach item='h' collection='except' open='(' separator=',' close=')'>#{h}</foreach></if>";

    private HospitalScope() {
    }

    static Collection<String> only(Tier tier) {
        return tier.only();
    }

    static Collection<String> except(Tier tier) {
        return tier.except();
    }
}
