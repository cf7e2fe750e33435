package com.checkup.contracts.sync;

import java.util.List;

/** hospital-sync-service, for ops: per hospital, its connector, its circuit and its queue. FORBIDDEN for other personas. */
public interface HospitalSyncService {
    /** Every hospital the service has had work for (pending, done or handed over), by id. */
    List<HospitalSyncStatus> status();

    /**
     * Stores the credentials hospital-sync-service presents to a hospital's system (persona {@code OPS} only):
     * {@code kind} API_KEY (sent as {@code X-Api-Key}; {@code username} unused) or BASIC (HTTP basic auth). Kept
     * encrypted in the config center, decrypted only inside hospital-sync-service; the answer shows them masked.
     * UNAVAILABLE when the service has no credential key configured.
     */
    HospitalSyncStatus setCredentials(String hospitalId, String kind, String username, String secret);

    /** Removes a hospital's credentials (OPS only); a repeat is a no-op. */
    HospitalSyncStatus clearCredentials(String hospitalId);
}
