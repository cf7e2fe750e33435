package com.checkup.sync.app;

import com.checkup.contracts.context.Persona;
import com.checkup.platform.context.Callers;
import com.checkup.sync.domain.ConnectorSpec;
import com.checkup.sync.persistence.SyncJobRepository;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Ops' view of the sync and their hand on hospitals' credentials: per hospital, connector, circuit and queue counts. A
 * call may land on any copy of the service (hospital tiers): every answer comes from what all copies share — the jobs
 * table, the config center (connectors, credentials) and the copies' reports of their circuits ({@link SyncCopies}) —
 * so each copy answers the same for every hospital, whichever copy serves it.
 */
@Service
public class SyncOverview {
    /** One hospital's sync as ops see it; {@code circuit} null for a MANUAL hospital, {@code credentials} masked. */
    public record HospitalState(String hospitalId, String connector, String circuit, String credentials, long pending,
                                long done, long gaveUp, String lastError) {
        HospitalState withCounts(String status, long n, String error) {
            return switch (status) {
                case "PENDING" -> new HospitalState(hospitalId, connector, circuit, credentials, n, done, gaveUp, error);
                case "DONE" -> new HospitalState(hospitalId, connector, circuit, credentials, pending, n, gaveUp, error);
                default -> new HospitalState(hospitalId, connector, circuit, credentials, pending, done, n, error);
            };
        }
    }

    private final HospitalSync sync;
    private final SyncJobRepository jobs;
    private final CredentialVault credentials;
    private final SyncCopies copies;

    public SyncOverview(HospitalSync sync, SyncJobRepository jobs, CredentialVault credentials, SyncCopies copies) {
        this.sync = sync;
        this.jobs = jobs;
        this.credentials = credentials;
        this.copies = copies;
    }

    /** Every hospital that has had sync jobs (ops and testers). */
    public List<HospitalState> all() {
        Callers.require(Persona.OPS, Persona.TESTER);
        Map<String, String> circuits = copies.circuits();
        Map<String, HospitalState> byHospital = new TreeMap<>();
        for (Map<String, Object> row : jobs.counts()) {
            String hospital = (String) row.get("hospitalId");
            HospitalState s = byHospital.computeIfAbsent(hospital, h -> state(h, circuits));
            byHospital.put(hospital, s.withCounts((String) row.get("status"), ((Number) row.get("jobs")).longValue(),
                    (String) row.get("lastError")));
        }
        return List.copyOf(byHospital.values());
    }

    /**
     * Stores the hospital's credentials for its system. The vault checks the caller and the hospital id before the
     * connector is asked for: nothing is looked up (or watched in the config center) for a caller who may not, or for an
     * id that is no hospital id.
     */
    public HospitalState setCredentials(String hospitalId, String kind, String username, String secret) {
        credentials.store(hospitalId, kind, username, secret, h -> {
            ConnectorSpec spec = sync.connector(h);
            return spec.kind() == ConnectorSpec.Kind.HTTP_JSON ? spec.baseUrl() : null;
        });
        return state(hospitalId, copies.circuits());
    }

    public HospitalState clearCredentials(String hospitalId) {
        credentials.clear(hospitalId);
        return state(hospitalId, copies.circuits());
    }

    /** {@code circuits}: the worst state each hospital's circuit has in any running copy (none listed: CLOSED). */
    private HospitalState state(String hospital, Map<String, String> circuits) {
        ConnectorSpec spec = sync.connector(hospital);
        return new HospitalState(hospital, spec.kind().name(),
                spec.kind() == ConnectorSpec.Kind.MANUAL ? null : circuits.getOrDefault(hospital, "CLOSED"),
                spec.credentials() == null ? null : spec.credentials().masked(), 0, 0, 0, null);
    }
}
