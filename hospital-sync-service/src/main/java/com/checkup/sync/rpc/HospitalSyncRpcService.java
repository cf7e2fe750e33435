package com.checkup.sync.rpc;

import com.checkup.contracts.sync.HospitalSyncService;
import com.checkup.contracts.sync.HospitalSyncStatus;
import com.checkup.sync.app.SyncOverview;
import com.checkup.sync.app.SyncOverview.HospitalState;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of ops' sync overview and credentials ({@link SyncOverview}): maps and delegates. */
@DubboService
public class HospitalSyncRpcService implements HospitalSyncService {
    private final SyncOverview overview;

    public HospitalSyncRpcService(SyncOverview overview) {
        this.overview = overview;
    }

    @Override
    public HospitalSyncStatus setCredentials(String hospitalId, String kind, String username, String secret) {
        return view(overview.setCredentials(hospitalId, kind, username, secret));
    }

    @Override
    public HospitalSyncStatus clearCredentials(String hospitalId) {
        return view(overview.clearCredentials(hospitalId));
    }

    @Override
    public List<HospitalSyncStatus> status() {
        return overview.all().stream().map(HospitalSyncRpcService::view).toList();
    }

    private static HospitalSyncStatus view(HospitalState h) {
        HospitalSyncStatus s = new HospitalSyncStatus();
        s.setHospitalId(h.hospitalId());
        s.setConnector(h.connector());
        s.setCircuit(h.circuit());
        s.setCredentials(h.credentials());
        s.setPending(h.pending());
        s.setDone(h.done());
        s.setGaveUp(h.gaveUp());
        s.setLastError(h.lastError());
        return s;
    }
}
