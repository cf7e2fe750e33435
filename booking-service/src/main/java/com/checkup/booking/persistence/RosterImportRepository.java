package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.platform.time.UtcColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Roster imports: one per upload, with its progress, so an HR user can follow a long import and a restart
 * marks an interrupted one failed.
 */
@Repository
public class RosterImportRepository {
    private final JdbcTemplate jdbc;

    public RosterImportRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An import's row. */
    public record ImportRow(String id, String campaignId, String status, int totalRows, int processedRows, int created,
                            int updated, int unchanged, int rejected, String errorsJson, String failure,
                            Instant startedAt, Instant finishedAt) {
    }

    /**
     * Starts an import unless the campaign has one running: the campaign's row is locked first, so two uploads at once
     * cannot both pass. False when one is running (call in a transaction).
     */
    public boolean insertImportIfNoneRunning(String id, String campaignId, int totalRows, String startedBy, Instant now) {
        jdbc.queryForList("SELECT id FROM campaign WHERE id = ? FOR UPDATE", String.class, campaignId);
        Integer running = jdbc.queryForObject("SELECT COUNT(*) FROM roster_import WHERE campaign_id = ? AND status = 'RUNNING'",
                Integer.class, campaignId);
        if (running != null && running > 0) {
            return false;
        }
        insertImport(id, campaignId, totalRows, startedBy, now);
        return true;
    }

    public void insertImport(String id, String campaignId, int totalRows, String startedBy, Instant now) {
        jdbc.update("INSERT INTO roster_import (id, campaign_id, status, total_rows, started_by, started_at) VALUES (?,?,'RUNNING',?,?,?)",
                id, campaignId, totalRows, startedBy, utc(now));
    }

    public void progress(String id, int processed, int created, int updated, int unchanged, int rejected, String errorsJson) {
        jdbc.update("UPDATE roster_import SET processed_rows = ?, created = ?, updated = ?, unchanged = ?, rejected = ?, errors = ?"
                + " WHERE id = ?", processed, created, updated, unchanged, rejected, errorsJson, id);
    }

    public void finishImport(String id, String status, String failure, Instant now) {
        jdbc.update("UPDATE roster_import SET status = ?, failure = ?, finished_at = ? WHERE id = ?", status, failure, utc(now), id);
    }

    /**
     * Imports left RUNNING by a stop will not finish; say so (uploading again is safe). Only those started before
     * {@code startedBefore}: another instance's import in progress is left alone.
     */
    public int failInterrupted(Instant startedBefore, Instant now) {
        return jdbc.update("UPDATE roster_import SET status = 'FAILED', failure = 'interrupted by a restart: upload the roster again',"
                + " finished_at = ? WHERE status = 'RUNNING' AND started_at < ?", utc(now), utc(startedBefore));
    }

    public Optional<ImportRow> findImport(String id) {
        return jdbc.query("SELECT * FROM roster_import WHERE id = ?", (rs, i) -> new ImportRow(rs.getString("id"),
                rs.getString("campaign_id"), rs.getString("status"), rs.getInt("total_rows"), rs.getInt("processed_rows"),
                rs.getInt("created"), rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("rejected"),
                rs.getString("errors"), rs.getString("failure"), instant(rs, "started_at"), instant(rs, "finished_at")), id)
                .stream().findFirst();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return UtcColumns.instant(rs.getObject(column, LocalDateTime.class));
    }
}
