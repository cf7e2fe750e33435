package com.checkup.sync.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.sync.domain.SyncAction;
import com.checkup.sync.domain.SyncJob;
import com.checkup.sync.domain.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

@Repository
public class SyncJobRepository {
    private final SyncJobMapper mapper;

    public SyncJobRepository(SyncJobMapper mapper) {
        this.mapper = mapper;
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
            mapper.insert(r);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** A claimed job: its id plus the claim token its outcome must be written with. */
    public record Claimed(SyncJob job, String token) {
    }

    /** Claims up to {@code limit} due jobs of the hospitals {@code tier} serves, for {@code lease}. */
    public List<Claimed> claimDue(Instant now, int limit, Duration lease, Tier tier) {
        List<Claimed> out = new ArrayList<>();
        for (String id : mapper.due(utc(now), limit, HospitalScope.only(tier), HospitalScope.except(tier))) {
            String token = UUID.randomUUID().toString();
            if (mapper.claim(id, token, utc(now), utc(now.plus(lease))) == 1) {
                SyncJobRow r = mapper.claimed(id, token);
                if (r != null) {
                    out.add(new Claimed(job(r), token));
                }
            }
        }
        return out;
    }

    public boolean finish(Claimed c, Instant now) {
        SyncJob j = c.job();
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
