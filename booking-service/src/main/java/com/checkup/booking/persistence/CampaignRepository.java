package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Campaign;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Gender;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
import com.checkup.platform.time.UtcColumns;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Campaigns, entitlements and roster imports. Plain SQL: rosters are written in batches and the quota is taken with
 * one conditional update, neither of which is an object load.
 */
@Repository
public class CampaignRepository {
    private final JdbcTemplate jdbc;

    public CampaignRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ campaigns

    public void insert(Campaign c, String createdBy) {
        jdbc.update("INSERT INTO campaign (id, company_id, name, hospital_id, package_ids, start_date, end_date, quota,"
                        + " budget_cents, daily_share, share_cutoff_days, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                c.id(), c.companyId(), c.name(), c.hospitalId(), String.join(",", c.packageIds()), Date.valueOf(c.startDate()),
                Date.valueOf(c.endDate()), c.quota(), c.budgetCents(), c.dailyShare(), c.shareCutoffDays(), createdBy,
                utc(c.createdAt()));
    }

    /** Marks the campaign cancelled; false when it already was. */
    public boolean cancel(String id) {
        return jdbc.update("UPDATE campaign SET status = 'CANCELLED' WHERE id = ? AND status = 'OPEN'", id) == 1;
    }

    /** The campaign's share rows that still hold unused places. */
    public List<ShareRow> unusedShares(String campaignId) {
        return jdbc.query("SELECT hospital_id, slot_date, period, resource FROM capacity_slot WHERE resource = ? AND total > used",
                (rs, i) -> new ShareRow(new Slot(rs.getString(1), rs.getDate(2).toLocalDate(), Period.valueOf(rs.getString(3))),
                        rs.getString(4)), Resources.share(campaignId));
    }

    public Optional<Campaign> find(String id) {
        return jdbc.query("SELECT * FROM campaign WHERE id = ?", CampaignRepository::campaign, id).stream().findFirst();
    }

    public List<Campaign> ofCompany(String companyId) {
        return jdbc.query("SELECT * FROM campaign WHERE company_id = ? ORDER BY created_at DESC LIMIT 200",
                CampaignRepository::campaign, companyId);
    }

    /** Takes one booking of the quota and its price of the budget, or false when either is used up. */
    public boolean takeQuota(String campaignId, long priceCents) {
        return jdbc.update("UPDATE campaign SET booked = booked + 1, spent_cents = spent_cents + ? WHERE id = ?"
                + " AND (quota IS NULL OR booked < quota) AND (budget_cents IS NULL OR spent_cents + ? <= budget_cents)",
                priceCents, campaignId, priceCents) == 1;
    }

    public void giveBackQuota(String campaignId, long priceCents) {
        jdbc.update("UPDATE campaign SET booked = booked - 1, spent_cents = spent_cents - ? WHERE id = ? AND booked > 0",
                priceCents, campaignId);
    }

    /**
     * Sets up to {@code cap(slot total, the company's share already set aside there)} of a slot's free places aside as
     * the campaign's share (locking the slot's TOTAL row);
     * returns how many were set aside (0: none free, and no share row).
     */
    public int reserveShare(Slot slot, String campaignId, String companyId, java.util.function.IntBinaryOperator cap) {
        Object[] key = {slot.hospitalId(), Date.valueOf(slot.date()), slot.period().name()};
        List<int[]> row = jdbc.query("SELECT total, used FROM capacity_slot WHERE hospital_id = ? AND slot_date = ?"
                + " AND period = ? AND resource = 'TOTAL' FOR UPDATE", (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}, key);
        // What the company's other open campaigns set aside in this slot (read under the slot's TOTAL lock).
        Integer companyShare = row.isEmpty() ? 0 : jdbc.queryForObject("SELECT COALESCE(SUM(s.total), 0) FROM capacity_slot s"
                + " JOIN campaign c ON s.resource = CONCAT('SHARE:', c.id) WHERE s.hospital_id = ? AND s.slot_date = ?"
                + " AND s.period = ? AND c.company_id = ? AND c.status = 'OPEN'", Integer.class, key[0], key[1], key[2], companyId);
        int n = row.isEmpty() ? 0 : Math.min(cap.applyAsInt(row.get(0)[0], companyShare == null ? 0 : companyShare),
                row.get(0)[0] - row.get(0)[1]);
        if (n <= 0) {
            // Nothing free (or the day is not open): no share row, so employees book from general capacity.
            return 0;
        }
        jdbc.update("UPDATE capacity_slot SET used = used + ? WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                + " AND resource = 'TOTAL'", n, key[0], key[1], key[2]);
        jdbc.update("INSERT INTO capacity_slot (hospital_id, slot_date, period, resource, total, used) VALUES (?, ?, ?, ?, ?, 0)",
                key[0], key[1], key[2], Resources.share(campaignId), n);
        return n;
    }

    /** A share row whose day is within its campaign's cut-off and which still has unused places. */
    public record ShareRow(Slot slot, String resource) {
    }

    public List<ShareRow> sharesToRelease(LocalDate today) {
        return jdbc.query("SELECT s.hospital_id, s.slot_date, s.period, s.resource FROM capacity_slot s JOIN campaign c"
                        + " ON s.resource = CONCAT('SHARE:', c.id) WHERE s.total > s.used"
                        + " AND (s.slot_date <= DATE_ADD(?, INTERVAL c.share_cutoff_days DAY) OR c.status = 'CANCELLED') LIMIT 500",
                (rs, i) -> new ShareRow(new Slot(rs.getString(1), rs.getDate(2).toLocalDate(), Period.valueOf(rs.getString(3))),
                        rs.getString(4)), Date.valueOf(today));
    }

    /** Gives a share's unused places back to the slot's TOTAL (locking the share row first); returns how many. */
    public int release(ShareRow share) {
        Object[] key = {share.slot().hospitalId(), Date.valueOf(share.slot().date()), share.slot().period().name()};
        List<Integer> unused = jdbc.queryForList("SELECT total - used FROM capacity_slot WHERE hospital_id = ? AND slot_date = ?"
                + " AND period = ? AND resource = ? FOR UPDATE", Integer.class, key[0], key[1], key[2], share.resource());
        if (unused.isEmpty() || unused.get(0) <= 0) {
            return 0;
        }
        int n = unused.get(0);
        jdbc.update("UPDATE capacity_slot SET total = total - ? WHERE hospital_id = ? AND slot_date = ? AND period = ? AND resource = ?",
                n, key[0], key[1], key[2], share.resource());
        jdbc.update("UPDATE capacity_slot SET used = GREATEST(0, used - ?) WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                + " AND resource = 'TOTAL'", n, key[0], key[1], key[2]);
        return n;
    }

    /** Whether the slot has a share row for the campaign (there was capacity to set aside when it started). */
    public boolean hasShare(Slot slot, String campaignId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM capacity_slot WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                + " AND resource = ?", Integer.class, slot.hospitalId(), Date.valueOf(slot.date()), slot.period().name(),
                Resources.share(campaignId)) > 0;
    }

    // ------------------------------------------------------------------ entitlements

    /** An entitlement row, with the examinee's numbers still encrypted. */
    public record EntitlementRow(String id, String campaignId, String employeeNo, String code, String name, Gender gender,
                                 LocalDate birthDate, String idNumberEnc, String phoneEnc, String packageId,
                                 String consumerId, String bookingId) {
    }

    /** A roster row to write: the entitlement's fields, encrypted, and the row's keyed hash. */
    public record EntitlementWrite(String id, String employeeNo, String code, Examinee examinee, String idNumberEnc,
                                   String phoneEnc, String packageId, String rowHash) {
    }

    /** Employee number → row hash of a campaign's entitlements (what a re-upload compares against). */
    public Map<String, String> rowHashes(String campaignId) {
        Map<String, String> out = new HashMap<>();
        jdbc.query("SELECT employee_no, row_hash FROM entitlement WHERE campaign_id = ?",
                rs -> { out.put(rs.getString(1), rs.getString(2)); }, campaignId);
        return out;
    }

    public void insertEntitlements(String campaignId, List<EntitlementWrite> rows, Instant now) {
        LocalDateTime t = utc(now);
        jdbc.batchUpdate("INSERT INTO entitlement (id, campaign_id, employee_no, code, name, gender, birth_date, id_number_enc,"
                + " phone_enc, package_id, row_hash, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows, 500, (ps, w) -> {
            ps.setString(1, w.id());
            ps.setString(2, campaignId);
            ps.setString(3, w.employeeNo());
            ps.setString(4, w.code());
            ps.setString(5, w.examinee().name());
            ps.setString(6, w.examinee().gender().name());
            ps.setDate(7, Date.valueOf(w.examinee().birthDate()));
            ps.setString(8, w.idNumberEnc());
            ps.setString(9, w.phoneEnc());
            ps.setString(10, w.packageId());
            ps.setString(11, w.rowHash());
            ps.setObject(12, t);
            ps.setObject(13, t);
        });
    }

    /** Updates known employees' data; their code, and any booking made, stay as they are. */
    public void updateEntitlements(String campaignId, List<EntitlementWrite> rows, Instant now) {
        LocalDateTime t = utc(now);
        jdbc.batchUpdate("UPDATE entitlement SET name = ?, gender = ?, birth_date = ?, id_number_enc = ?, phone_enc = ?,"
                + " package_id = ?, row_hash = ?, updated_at = ? WHERE campaign_id = ? AND employee_no = ?", rows, 500, (ps, w) -> {
            ps.setString(1, w.examinee().name());
            ps.setString(2, w.examinee().gender().name());
            ps.setDate(3, Date.valueOf(w.examinee().birthDate()));
            ps.setString(4, w.idNumberEnc());
            ps.setString(5, w.phoneEnc());
            ps.setString(6, w.packageId());
            ps.setString(7, w.rowHash());
            ps.setObject(8, t);
            ps.setString(9, campaignId);
            ps.setString(10, w.employeeNo());
        });
    }

    public Optional<EntitlementRow> entitlementByCode(String code) {
        return jdbc.query("SELECT * FROM entitlement WHERE code = ?", CampaignRepository::entitlement, code).stream().findFirst();
    }

    /** Locks the entitlement for a booking attempt (two attempts with one code run one after the other). */
    public Optional<EntitlementRow> lockEntitlement(String id) {
        return jdbc.query("SELECT * FROM entitlement WHERE id = ? FOR UPDATE", CampaignRepository::entitlement, id).stream().findFirst();
    }

    public void booked(String entitlementId, String consumerId, String bookingId, Instant now) {
        jdbc.update("UPDATE entitlement SET consumer_id = ?, booking_id = ?, updated_at = ? WHERE id = ?",
                consumerId, bookingId, utc(now), entitlementId);
    }

    /** The campaign whose entitlement holds this booking, if any. */
    public Optional<String> campaignOfBooking(String bookingId) {
        return jdbc.queryForList("SELECT campaign_id FROM entitlement WHERE booking_id = ?", String.class, bookingId).stream().findFirst();
    }

    /**
     * A company booking was cancelled: its quota and budget go back to the campaign and the entitlement may be used
     * again. Nothing happens for a booking no entitlement holds (a consumer's own).
     */
    public void bookingCancelled(String bookingId, long amountCents, Instant now) {
        campaignOfBooking(bookingId).ifPresent(campaignId -> {
            giveBackQuota(campaignId, amountCents);
            jdbc.update("UPDATE entitlement SET booking_id = NULL, updated_at = ? WHERE booking_id = ?", utc(now), bookingId);
        });
    }

    /** A campaign's employees with their booking's state (null when not booked), by employee number. */
    public record Attendance(String employeeNo, String name, String packageId, String bookingStatus, LocalDate date,
                             String period) {
    }

    public List<Attendance> attendance(String campaignId) {
        return jdbc.query("SELECT e.employee_no, e.name, e.package_id, b.status, b.slot_date, b.period FROM entitlement e"
                        + " LEFT JOIN booking b ON b.id = e.booking_id WHERE e.campaign_id = ? ORDER BY e.employee_no",
                (rs, i) -> new Attendance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(), rs.getString(6)), campaignId);
    }

    public int employees(String campaignId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM entitlement WHERE campaign_id = ?", Integer.class, campaignId);
    }

    // ------------------------------------------------------------------ roster imports

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

    // ------------------------------------------------------------------ mapping

    private static Campaign campaign(ResultSet rs, int i) throws SQLException {
        return new Campaign(rs.getString("id"), rs.getString("company_id"), rs.getString("name"), rs.getString("hospital_id"),
                List.of(rs.getString("package_ids").split(",")), rs.getDate("start_date").toLocalDate(),
                rs.getDate("end_date").toLocalDate(), (Integer) rs.getObject("quota"),
                rs.getObject("budget_cents") == null ? null : rs.getLong("budget_cents"), rs.getInt("booked"),
                rs.getLong("spent_cents"), rs.getInt("daily_share"), rs.getInt("share_cutoff_days"),
                "CANCELLED".equals(rs.getString("status")), instant(rs, "created_at"));
    }

    private static EntitlementRow entitlement(ResultSet rs, int i) throws SQLException {
        return new EntitlementRow(rs.getString("id"), rs.getString("campaign_id"), rs.getString("employee_no"),
                rs.getString("code"), rs.getString("name"), Gender.valueOf(rs.getString("gender")),
                rs.getDate("birth_date").toLocalDate(), rs.getString("id_number_enc"), rs.getString("phone_enc"),
                rs.getString("package_id"), rs.getString("consumer_id"), rs.getString("booking_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return UtcColumns.instant(rs.getObject(column, LocalDateTime.class));
    }

}
