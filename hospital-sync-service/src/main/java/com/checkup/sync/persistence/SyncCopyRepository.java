package com.checkup.sync.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.sync.domain.CopyReport;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;

/** The running copies of the service and what each reports ({@link CopyReport}), in {@code sync_copy}. */
@Repository
public class SyncCopyRepository {
    private final SyncCopyMapper mapper;

    public SyncCopyRepository(SyncCopyMapper mapper) {
        this.mapper = mapper;
    }

    public void report(CopyReport r, Instant startedAt, Instant now) {
        mapper.report(r.instance(), r.tier(), r.tiers(), r.encodedCircuits(), utc(startedAt), utc(now));
    }

    /** The copies that reported at or after {@code since}. */
    public List<CopyReport> live(Instant since) {
        return mapper.live(utc(since)).stream().map(SyncCopyRepository::report).toList();
    }

    public void leave(String instance) {
        mapper.leave(instance);
    }

    /** Removes rows of copies silent since before {@code before} (gone without saying so). */
    public int forget(Instant before) {
        return mapper.forget(utc(before));
    }

    private static CopyReport report(Map<String, Object> row) {
        return new CopyReport((String) row.get("instance"), (String) row.get("tier"), (String) row.get("tiers"),
                CopyReport.decodeCircuits((String) row.get("circuits")));
    }

}
