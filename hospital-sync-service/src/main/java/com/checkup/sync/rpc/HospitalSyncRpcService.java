package com.checkup.sync.rpc;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.sync.HospitalSyncService;
import com.checkup.contracts.sync.HospitalSyncStatus;
import com.checkup.platform.context.Callers;
import com.checkup.sync.app.CredentialVault;
import com.checkup.sync.app.HospitalSync;
import com.checkup.sync.app.SyncCopies;
import com.checkup.sync.domain.ConnectorSpec;
import com.checkup.sync.persistence.SyncJobRepository;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.dubbo.config.annotation.DubboService;

/**
 * Ops' view of the sync: per hospital, connector, circuit and queue counts. A call may land on any copy of the service
 * (hospital tiers): every answer comes from what all copies share — the jobs table, the config center (connectors,
 * credentials) and the copies' reports of their circuits ({@link SyncCopies}) — so each copy answers the same for
 * every hospital, whichever copy serves it.
 */
@DubboService
public class HospitalSyncRpcService implements HospitalSyncService {
    private final HospitalSync sync;
    private final SyncJobRepository jobs;
    private final CredentialVault credentials;
    private final SyncCopies copies;

    public HospitalSyncRpcService(HospitalSync sync, SyncJobRepository jobs, CredentialVault credentials, SyncCopies copies) {
        this.sync = sync;
        this.jobs = jobs;
        this.credentials = credentials;
        this.copies = copies;
    }

    @Override
    public HospitalSyncStatus setCredentials(String hospitalId, String kind, String username, String secret) {
        // The vault checks the caller and the hospital id before it asks for the connector: nothing is looked up (or
        // watched in the config center) for a caller who may not, or for an id that is no hospital id.
        credentials.store(hospitalId, kind, username, secret, h -> {
            ConnectorSpec spec = sync.connector(h);
            return spec.kind() == ConnectorSpec.Kind.HTTP_JSON ? spec.baseUrl() : null;
        });
        return status(hospitalId);
    }

    @Override
    public HospitalSyncStatus clearCredentials(String hospitalId) {
        credentials.clear(hospitalId);
        return status(hospitalId);
    }

    @Override
    public List<HospitalSyncStatus> status() {
        Callers.require(Persona.OPS, Persona.TESTER);
        Map<String, String> circuits = copies.circuits();
        Map<String, HospitalSyncStatus> byHospital = new TreeMap<>();
        for (Map<String, Object> row : jobs.counts()) {
            String hospital = (String) row.get("hospitalId");
            HospitalSyncStatus s = byHospital.computeIfAbsent(hospital, h -> status(h, circuits));
            long n = ((Number) row.get("jobs")).longValue();
            switch ((String) row.get("status")) {
                case "PENDING" -> s.setPending(n);
                case "DONE" -> s.setDone(n);
                default -> s.setGaveUp(n);
            }
            s.setLastError((String) row.get("lastError"));
        }
        return List.copyOf(byHospital.values());
    }

    private HospitalSyncStatus status(String hospital) {
        return status(hospital, copies.circuits());
    }

    /** {@code circuits}: the worst state each hospital's circuit has in any running copy (none listed: CLOSED). */
    private HospitalSyncStatus status(String hospital, Map<String, String> circuits) {
        HospitalSyncStatus s = new HospitalSyncStatus();
        s.setHospitalId(hospital);
        ConnectorSpec spec = sync.connector(hospital);
        s.setConnector(spec.kind().name());
        s.setCircuit(spec.kind() == ConnectorSpec.Kind.MANUAL ? null : circuits.getOrDefault(hospital, "CLOSED"));
        s.setCredentials(spec.credentials() == null ? null : spec.credentials().masked());
        return s;
    }
}
