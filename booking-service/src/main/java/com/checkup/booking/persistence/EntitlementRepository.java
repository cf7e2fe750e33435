package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Gender;
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
 * Entitlements: one per employee of a campaign's roster, written in batches, with the code they book with.
 */
@Repository
public class EntitlementRepository {
    private final JdbcTemplate jdbc;

    public EntitlementRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

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
        return jdbc.query("SELECT * FROM entitlement WHERE code = ?", EntitlementRepository::entitlement, code).stream().findFirst();
    }

    /** Locks the entitlement for a booking attempt (two attempts with one code run one after the other). */
    public Optional<EntitlementRow> lockEntitlement(String id) {
        return jdbc.query("SELECT * FROM entitlement WHERE id = ? FOR UPDATE", EntitlementRepository::entitlement, id).stream().findFirst();
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
     * A company booking was cancelled: its entitlement may be used again. Returns the campaign whose quota and budget
     * go back; empty for a booking no entitlement holds (a consumer's own).
     */
    public Optional<String> bookingCancelled(String bookingId, Instant now) {
        Optional<String> campaign = campaignOfBooking(bookingId);
        campaign.ifPresent(c -> jdbc.update("UPDATE entitlement SET booking_id = NULL, updated_at = ? WHERE booking_id = ?",
                utc(now), bookingId));
        return campaign;
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

    private static EntitlementRow entitlement(ResultSet rs, int i) throws SQLException {
        return new EntitlementRow(rs.getString("id"), rs.getString("campaign_id"), rs.getString("employee_no"),
                rs.getString("code"), rs.getString("name"), Gender.valueOf(rs.getString("gender")),
                rs.getDate("birth_date").toLocalDate(), rs.getString("id_number_enc"), rs.getString("phone_enc"),
                rs.getString("package_id"), rs.getString("consumer_id"), rs.getString("booking_id"));
    }
}
