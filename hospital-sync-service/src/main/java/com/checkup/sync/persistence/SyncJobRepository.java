package com.checkup.sync.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.platform.work.Lease;
import com.checkup.platform.work.LeaseTable;
import com.checkup.sync.domain.SyncAction;
import com.checkup.sync.domain.SyncJob;
import com.checkup.sync.domain.Tier;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/** What hospitals must be told; due jobs of the hospitals this copy serves ({@link Tier}) are leased work ({@link LeaseTable}). */
@Repository
public class SyncJobRepository extends LeaseTable<String, SyncJobRow, SyncJob> {
    private final SyncJobMapper mapper;
    private final Tier tier;

    public SyncJobRepository(SyncJobMapper mapper, Tier tier) {
        this.mapper = mapper;
        this.tier = tier;
    }

    /** Adds a job once per key (an event delivered twice makes one job); false if it was there already. */
    public boolean add(String key, String bookingId, String hospitalId, SyncAction action, Instant now) {
        SyncJobRow r = new SyncJobRow();
        r.id = "J-" + UUID.randomUUID();
        r.jobKey = key;
        r.bookingId = bookingId;
        r.hospitalId = hospitalId;
        r.action = action.name();
        r.nextAttemptAt = utc(now);
        r.createdAt = utc(now);
        try {
            mapper.add(r);
            workAdded();
            return true;
        } catch (DuplicateKeyException e) {
            // Another copy wrote it (every tier's copy records every event): it may be this copy's hospital to run.
            workAdded();
            return false;
        }
    }

    @Override
    protected List<String> dueIds(LocalDateTime now, int limit) {
        return mapper.due(now, limit, HospitalScope.only(tier), HospitalScope.except(tier));
    }

    @Override
    protected int claimIds(List<String> ids, String token, LocalDateTime now, LocalDateTime leaseEnd) {
        return mapper.claim(ids, token, now, leaseEnd);
    }

    @Override
    protected List<SyncJobRow> claimedRows(List<String> ids, String token) {
        return mapper.claimed(ids, token);
    }

    @Override
    protected String keyOf(SyncJobRow row) {
        return row.id;
    }

    @Override
    protected SyncJob item(SyncJobRow row) {
        return job(row);
    }

    /** Writes a try's outcome, only while the claim is still ours. */
    public boolean finish(Lease<SyncJob> c, Instant now) {
        SyncJob j = c.item();
        return mapper.finish(j.id(), c.token(), j.status().name(), j.attempts(), utc(j.nextAttemptAt()), j.lastError(),
                j.taskId(), utc(now)) == 1;
    }

    /** Whether the hospital was ever to be told about the booking (so a cancel concerns it). */
    public boolean everPushed(String bookingId) {
        return mapper.pushes(bookingId) > 0;
    }

    public List<Map<String, Object>> counts() {
        return mapper.counts();
    }

    private static SyncJob job(SyncJobRow r) {
        return new SyncJob(r.id, r.bookingId, r.hospitalId, SyncAction.valueOf(r.action), SyncJob.Status.valueOf(r.status),
                r.attempts, r.nextAttemptAt.toInstant(ZoneOffset.UTC), r.lastError, r.taskId);
    }

}
