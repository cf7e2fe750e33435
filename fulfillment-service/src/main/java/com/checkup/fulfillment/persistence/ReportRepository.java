package com.checkup.fulfillment.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.fulfillment.domain.Report;
import com.checkup.fulfillment.domain.ReportAccessEntry;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Reports (one current per booking) and the audit of every access to them. */
@Repository
public class ReportRepository {
    private final ReportMapper mapper;

    public ReportRepository(ReportMapper mapper) {
        this.mapper = mapper;
    }

    /** Stores the booking's report, replacing the one before. */
    public void save(Report r) {
        ReportRow row = new ReportRow();
        row.bookingId = r.bookingId();
        row.id = r.id();
        row.hospitalId = r.hospitalId();
        row.consumerId = r.consumerId();
        row.fileName = r.fileName();
        row.contentType = r.contentType();
        row.sizeBytes = r.sizeBytes();
        row.sha256 = r.sha256();
        row.storageKey = r.storageKey();
        row.uploadedBy = r.uploadedBy();
        row.uploadedAt = utc(r.uploadedAt());
        mapper.save(row);
    }

    public Optional<Report> find(String bookingId) {
        return Optional.ofNullable(mapper.selectById(bookingId)).map(r -> new Report(r.id, r.bookingId, r.hospitalId,
                r.consumerId, r.fileName, r.contentType, r.sizeBytes, r.sha256, r.storageKey, r.uploadedBy,
                instant(r.uploadedAt)));
    }

    /** An access (allowed or not) to a booking's report; {@code reportId} null when there was none to reach. */
    public void audit(String bookingId, String reportId, String actor, String tenantId, String action, boolean allowed,
                      String reason, String traceId) {
        mapper.audit(bookingId, reportId, actor, tenantId, action, allowed, reason, traceId);
    }

    /** A booking's accesses, newest first. */
    public List<ReportAccessEntry> accesses(String bookingId, int limit) {
        return mapper.accesses(bookingId, limit).stream()
                .map(a -> new ReportAccessEntry(instant(a.at), a.actor, a.action, a.allowed, a.reason)).toList();
    }
}
