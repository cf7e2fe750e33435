package com.checkup.sync.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one running copy of hospital-sync-service (one process) says about itself, so that any copy can answer for all:
 * the tier it serves, the tier map it was given ({@link HospitalTiers#toString}, so copies given different maps are
 * seen) and the circuits it holds that are not CLOSED (a circuit lives in the process that calls the hospital). A copy
 * that stops reporting is left out after a while ({@code checkup.sync.copy-report.every} × 3).
 */
public record CopyReport(String instance, String tier, String tiers, Map<String, String> circuits) {
    /** Circuit states from harmless to worst: where copies disagree, the worst is shown. */
    public static final List<String> STATES = List.of("CLOSED", "HALF_OPEN", "OPEN");

    public CopyReport {
        circuits = Map.copyOf(circuits);
    }

    /** {@code H001=OPEN,H002=HALF_OPEN}, sorted; empty when every circuit is CLOSED. */
    public String encodedCircuits() {
        return new TreeMap<>(circuits).entrySet().stream().filter(e -> !"CLOSED".equals(e.getValue()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Reads {@link #encodedCircuits}; unknown parts are skipped (a newer copy may know more states). */
    public static Map<String, String> decodeCircuits(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && STATES.contains(part.substring(eq + 1))) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    /** Per hospital, the worst state any copy reports (a hospital no copy reports is CLOSED). */
    public static Map<String, String> circuitsByHospital(Collection<CopyReport> reports) {
        Map<String, String> worst = new TreeMap<>();
        for (CopyReport r : reports) {
            r.circuits().forEach((hospital, state) -> worst.merge(hospital, state,
                    (a, b) -> STATES.indexOf(a) >= STATES.indexOf(b) ? a : b));
        }
        return worst;
    }

    /** The different tier maps the copies run with: one, except while a change of the map is being rolled out. */
    public static Set<String> maps(Collection<CopyReport> live) {
        return live.stream().map(CopyReport::tiers).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The named tiers of the map that no running copy serves: their hospitals' work waits until one runs. */
    public static Set<String> tiersWithoutCopy(HospitalTiers tiers, Collection<CopyReport> live) {
        Set<String> missing = new TreeSet<>(tiers.tiers().keySet());
        live.forEach(r -> missing.remove(r.tier()));
        return missing;
    }
}
