package com.checkup.contracts.sync;

import java.util.List;

/** hospital-sync-service, for ops: per hospital, its connector, its circuit and its queue. FORBIDDEN for other personas. */
public interface HospitalSyncService {
    /** Every hospital the service has had work for (pending, done or handed over), by id. */
    List<HospitalSyncStatus> status();
}
