package com.checkup.contracts.sync;

import java.util.List;

/** hospital-sync-service, for ops: per hospital, its connector, its circuit and its queue. FORBIDDEN for other personas. */
public interface HospitalSyncService {
    /** Every hospital the service has work for or a connector configured for, by id. */
    List<HospitalSyncStatus> status();
}
