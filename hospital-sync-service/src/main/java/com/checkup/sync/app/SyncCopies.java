package com.checkup.sync.app;

import com.checkup.sync.connector.HospitalCircuits;
import com.checkup.sync.domain.CopyReport;
import com.checkup.sync.domain.HospitalTiers;
import com.checkup.sync.domain.Tier;
import com.checkup.sync.persistence.SyncCopyRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running copies of hospital-sync-service, as each reports itself in the database: its tier and its circuits that
 * are not CLOSED. A circuit lives in the process that calls the hospital (only the copy serving it), but an ops call
 * may land on any copy: reading the reports, every copy answers the same for every hospital. This copy reports at
 * start, at every change of one of its circuits, and every {@code every}; a copy silent for three times that is left
 * out (it stopped or hangs), and it removes its own report when it stops cleanly. Reading the others' reports, it warns
 * when a tier of the map has no running copy (its hospitals' work waits) and when copies run with different maps (a
 * change being rolled out, or a copy given the wrong value).
 */
public class SyncCopies {
    private static final Logger log = LoggerFactory.getLogger(SyncCopies.class);

    private final SyncCopyRepository copies;
    private final HospitalCircuits circuits;
    private final HospitalTiers tiers;
    private final Tier tier;
    private final String instance;
    private final Duration every;
    private final Clock clock;
    private final Instant started;
    private volatile Set<String> unserved = Set.of();
    private volatile Set<String> maps = Set.of();

    public SyncCopies(SyncCopyRepository copies, HospitalCircuits circuits, HospitalTiers tiers, Tier tier, String instance,
                      Duration every, Clock clock) {
        this.copies = copies;
        this.circuits = circuits;
        this.tiers = tiers;
        this.tier = tier;
        this.instance = instance;
        this.every = every;
        this.clock = clock;
        this.started = clock.instant();
        circuits.onChange((hospital, state) -> report());
    }

    /**
     * Writes this copy's report; forgets copies silent for an hour; from a while after start on, warns of tiers no
     * copy serves and of copies running with different maps.
     */
    public synchronized void report() {
        Instant now = clock.instant();
        try {
            copies.report(new CopyReport(instance, tier.name(), tiers.toString(), circuits.notClosed()), started, now);
            copies.forget(now.minus(Duration.ofHours(1)));
            if (now.isBefore(started.plus(every.multipliedBy(3)))) {
                return; // just started: the others may not have reported yet (copies often start together)
            }
            List<CopyReport> live = copies.live(liveSince(now));
            Set<String> running = CopyReport.maps(live);
            if (!running.equals(maps)) {
                if (running.size() > 1) {
                    log.warn("Copies of hospital-sync-service run with different checkup.sync.tiers: {} (expected only while"
                            + " a change is rolled out: until every copy has it, a hospital may be served by two copies or"
                            + " by none for a moment)", running);
                } else if (maps.size() > 1) {
                    log.info("Every copy of hospital-sync-service runs with checkup.sync.tiers = '{}' again", tiers);
                }
                maps = running;
            }
            Set<String> missing = CopyReport.tiersWithoutCopy(tiers, live);
            if (!missing.equals(unserved)) {
                if (!missing.isEmpty()) {
                    log.warn("No running copy of hospital-sync-service serves tier(s) {}: their hospitals' bookings wait"
                            + " (nothing is lost) until one runs with checkup.sync.tier set to it", missing);
                } else if (!unserved.isEmpty()) {
                    log.info("Every tier of checkup.sync.tiers has a running copy again");
                }
                unserved = missing;
            }
        } catch (RuntimeException e) {
            log.warn("Could not report this copy ({}): {}", instance, e.toString());
        }
    }

    /** The copies that reported lately. */
    public List<CopyReport> live() {
        return copies.live(liveSince(clock.instant()));
    }

    /** Per hospital, the worst state of its circuit in any running copy (CLOSED when none reports it). */
    public Map<String, String> circuits() {
        return CopyReport.circuitsByHospital(live());
    }

    /** This copy's name in the reports ({@code <tier>[@<lane>]/<host>/<random>}). */
    public String instance() {
        return instance;
    }

    public Tier tier() {
        return tier;
    }

    /** Takes this copy's report away (a clean stop): the others stop counting its circuits at once. */
    public void leave() {
        try {
            copies.leave(instance);
        } catch (RuntimeException e) {
            log.debug("Could not remove this copy's report: {}", e.toString());
        }
    }

    private Instant liveSince(Instant now) {
        return now.minus(every.multipliedBy(3));
    }
}
