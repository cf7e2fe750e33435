package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Entitlement;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Gender;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * Entitlements: one per employee of a campaign's roster, written in batches, with the code they book with.
 */
@Repository
public class EntitlementRepository {
    /** Rows per multi-row insert: a roster of 50,000 is a hundred statements. */
    private static final int INSERT_BATCH = 500;
    /** Rows per multi-row update (seven CASE lists of this many each). */
    private static final int UPDATE_BATCH = 100;

    private final EntitlementMapper mapper;

    public EntitlementRepository(EntitlementMapper mapper) {
        this.mapper = mapper;
    }

    /** A roster row to write: the entitlement's fields, encrypted, and the row's keyed hash. */
    public record EntitlementWrite(String id, String employeeNo, String code, Examinee examinee, String idNumberEnc,
                                   String phoneEnc, String packageId, String rowHash) {
    }

    /** A campaign's employee with their booking's state (null when not booked). */
    public record Attendance(String employeeNo, String name, String packageId, String bookingStatus, LocalDate date,
                             String period) {
    }

    /** The encrypted phone of a company's employee (their latest roster row), if the company has that employee. */
    public Optional<String> phoneEncOfEmployee(String companyId, String employeeNo) {
        return Optional.ofNullable(mapper.phoneOfEmployee(companyId, employeeNo));
    }

    /** Employee number → row hash of a campaign's entitlements (what a re-upload compares against). */
    public Map<String, String> rowHashes(String campaignId) {
        Map<String, String> out = new HashMap<>();
        for (Map<String, String> r : mapper.rowHashes(campaignId)) {
            out.put(r.get("employeeNo"), r.get("rowHash"));
        }
        return out;
    }

    public void insertEntitlements(String campaignId, List<EntitlementWrite> rows, Instant now) {
        LocalDateTime t = utc(now);
        for (int from = 0; from < rows.size(); from += INSERT_BATCH) {
            mapper.insertAll(rows.subList(from, Math.min(rows.size(), from + INSERT_BATCH)).stream()
                    .map(w -> row(campaignId, w, t)).toList());
        }
    }

    /** Updates known employees' data, a hundred per statement; their code, and any booking made, stay as they are. */
    public void updateEntitlements(String campaignId, List<EntitlementWrite> rows, Instant now) {
        LocalDateTime t = utc(now);
        for (int from = 0; from < rows.size(); from += UPDATE_BATCH) {
            mapper.updateAll(campaignId, rows.subList(from, Math.min(rows.size(), from + UPDATE_BATCH)).stream()
                    .map(w -> row(campaignId, w, t)).toList(), t);
        }
    }

    public Optional<Entitlement> entitlementByCode(String code) {
        return Optional.ofNullable(mapper.byCode(code)).map(EntitlementRepository::entitlement);
    }

    /** Locks the entitlement for a booking attempt (two attempts with one code run one after the other). */
    public Optional<Entitlement> lockEntitlement(String id) {
        return Optional.ofNullable(mapper.lock(id)).map(EntitlementRepository::entitlement);
    }

    public void booked(String entitlementId, String consumerId, String bookingId, Instant now) {
        mapper.booked(entitlementId, consumerId, bookingId, utc(now));
    }

    /** The campaign whose entitlement holds this booking, if any. */
    public Optional<String> campaignOfBooking(String bookingId) {
        return Optional.ofNullable(mapper.campaignOfBooking(bookingId));
    }

    /**
     * A company booking was cancelled: its entitlement may be used again. Returns the campaign whose quota and budget
     * go back; empty for a booking no entitlement holds (a consumer's own).
     */
    public Optional<String> bookingCancelled(String bookingId, Instant now) {
        Optional<String> campaign = campaignOfBooking(bookingId);
        campaign.ifPresent(c -> mapper.freeBooking(bookingId, utc(now)));
        return campaign;
    }

    public List<Attendance> attendance(String campaignId) {
        return mapper.attendance(campaignId);
    }

    public int employees(String campaignId) {
        return mapper.employees(campaignId);
    }

    private static EntitlementRow row(String campaignId, EntitlementWrite w, LocalDateTime now) {
        EntitlementRow r = new EntitlementRow();
        r.id = w.id();
        r.campaignId = campaignId;
        r.employeeNo = w.employeeNo();
        r.code = w.code();
        r.name = w.examinee().name();
        r.gender = w.examinee().gender().name();
        r.birthDate = w.examinee().birthDate();
        r.idNumberEnc = w.idNumberEnc();
        r.phoneEnc = w.phoneEnc();
        r.packageId = w.packageId();
        r.rowHash = w.rowHash();
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }

    private static Entitlement entitlement(EntitlementRow r) {
        return new Entitlement(r.id, r.campaignId, r.employeeNo, r.code, r.name, Gender.valueOf(r.gender), r.birthDate,
                r.idNumberEnc, r.phoneEnc, r.packageId, r.consumerId, r.bookingId);
    }
}
