package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.RosterImport;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * Roster imports: one per upload, with its progress, so an HR user can follow a long import and a restart marks an
 * interrupted one failed.
 */
@Repository
public class RosterImportRepository {
    private final RosterImportMapper mapper;

    public RosterImportRepository(RosterImportMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Starts an import unless the campaign has one running: the campaign's row is locked first, so two uploads at once
     * cannot both pass. False when one is running (call in a transaction).
     */
    public boolean insertImportIfNoneRunning(String id, String campaignId, int totalRows, String startedBy, Instant now) {
        mapper.lockCampaign(campaignId);
        if (mapper.running(campaignId) > 0) {
            return false;
        }
        insertImport(id, campaignId, totalRows, startedBy, now);
        return true;
    }

    public void insertImport(String id, String campaignId, int totalRows, String startedBy, Instant now) {
        RosterImportRow r = new RosterImportRow();
        r.id = id;
        r.campaignId = campaignId;
        r.status = "RUNNING";
        r.totalRows = totalRows;
        r.startedBy = startedBy;
        r.startedAt = utc(now);
        mapper.insert(r);
    }

    public void progress(String id, int processed, int created, int updated, int unchanged, int rejected, String errorsJson) {
        mapper.progress(id, processed, created, updated, unchanged, rejected, errorsJson);
    }

    public void finishImport(String id, String status, String failure, Instant now) {
        mapper.finish(id, status, failure, utc(now));
    }

    /**
     * Imports left RUNNING by a stop will not finish; say so (uploading again is safe). Only those started before
     * {@code startedBefore}: another instance's import in progress is left alone.
     */
    public int failInterrupted(Instant startedBefore, Instant now) {
        return mapper.failInterrupted(utc(startedBefore), utc(now));
    }

    public Optional<RosterImport> findImport(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(r -> new RosterImport(r.id, r.campaignId, r.status, r.totalRows,
                r.processedRows, r.created, r.updated, r.unchanged, r.rejected, r.errors, r.failure, instant(r.startedAt),
                r.finishedAt == null ? null : instant(r.finishedAt)));
    }
}
