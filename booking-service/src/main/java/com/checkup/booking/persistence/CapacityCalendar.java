package com.checkup.booking.persistence;

import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The capacity calendar: per hospital, day and period, a {@code TOTAL} row and one row per limited resource. Places
 * are taken by one conditional multi-row update ({@code used = used + 1 ... AND used < total}) whose row count says
 * whether every row had room; the caller's transaction rolls back otherwise. Plain SQL (not an entity mapper)
 * because these are set-based statements, not object loads.
 */
@Repository
public class CapacityCalendar {
    private static final Logger log = LoggerFactory.getLogger(CapacityCalendar.class);

    private final JdbcTemplate jdbc;

    public CapacityCalendar(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes one place and one of each resource, or reports false; on false the caller MUST roll back, since some rows
     * may have been incremented. A resource without a row for the slot has no capacity.
     */
    public boolean take(Slot slot, List<String> resources) {
        requireTransaction();
        List<String> rows = rows(resources);
        int n = jdbc.update("UPDATE capacity_slot SET used = used + 1 WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                + " AND resource IN (" + marks(rows.size()) + ") AND used < total", args(slot, rows));
        return n == rows.size();
    }

    /**
     * Takes the places of several holds of one slot at once ({@code holds}: each hold's resources), all or nothing, with
     * one conditional update: each row goes up by what the holds need of it, only where that still fits. On false the
     * caller MUST roll back.
     */
    public boolean takeAll(Slot slot, List<List<String>> holds) {
        requireTransaction();
        Map<String, Integer> need = new TreeMap<>();
        for (List<String> resources : holds) {
            for (String row : rows(resources)) {
                need.merge(row, 1, Integer::sum);
            }
        }
        // used + CASE resource WHEN 'TOTAL' THEN 12 WHEN 'CT' THEN 3 END, in the SET and in the condition.
        StringBuilder increment = new StringBuilder("CASE resource");
        List<Object> incrementArgs = new ArrayList<>();
        need.forEach((row, n) -> {
            increment.append(" WHEN ? THEN ?");
            incrementArgs.add(row);
            incrementArgs.add(n);
        });
        increment.append(" END");
        List<Object> args = new ArrayList<>(incrementArgs);
        args.addAll(List.of(args(slot, new ArrayList<>(need.keySet()))));
        args.addAll(incrementArgs);
        int n = jdbc.update("UPDATE capacity_slot SET used = used + " + increment + " WHERE hospital_id = ? AND slot_date = ?"
                + " AND period = ? AND resource IN (" + marks(need.size()) + ") AND used + " + increment + " <= total",
                args.toArray());
        return n == need.size();
    }

    /** Gives back what {@link #take} took; called only by a state change that happens once. */
    public void release(Slot slot, List<String> resources) {
        requireTransaction();
        List<String> rows = rows(resources);
        int n = jdbc.update("UPDATE capacity_slot SET used = used - 1 WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                + " AND resource IN (" + marks(rows.size()) + ") AND used > 0", args(slot, rows));
        if (n != rows.size()) {
            log.error("Capacity of {} {} was not all given back ({} of {} rows): counters need checking", slot, rows, n, rows.size());
        }
    }

    /** Rows of a hospital between two days (inclusive) for the TOTAL and the given resources. */
    public List<SlotCount> read(String hospitalId, LocalDate from, LocalDate to, List<String> resources) {
        List<String> rows = rows(resources);
        List<Object> args = new ArrayList<>(List.of(hospitalId, Date.valueOf(from), Date.valueOf(to)));
        args.addAll(rows);
        return jdbc.query("SELECT slot_date, period, resource, total, used FROM capacity_slot WHERE hospital_id = ?"
                        + " AND slot_date BETWEEN ? AND ? AND resource IN (" + marks(rows.size()) + ")",
                (rs, i) -> new SlotCount(rs.getDate(1).toLocalDate(), Period.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getInt(4), rs.getInt(5)), args.toArray());
    }

    /** Every row of a hospital's day (all resources). */
    public List<SlotCount> day(String hospitalId, LocalDate day) {
        return jdbc.query("SELECT slot_date, period, resource, total, used FROM capacity_slot WHERE hospital_id = ? AND slot_date = ?"
                        + " ORDER BY period, resource",
                (rs, i) -> new SlotCount(rs.getDate(1).toLocalDate(), Period.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getInt(4), rs.getInt(5)), hospitalId, Date.valueOf(day));
    }

    /**
     * Sets a row's total, never below what is booked (checked in the same statement, so a hold racing the change
     * cannot end up over the new total). Returns -1 when set, else the number booked that the total may not go under.
     */
    public int setTotal(Slot slot, String resource, int total) {
        requireTransaction();
        Object[] key = {slot.hospitalId(), Date.valueOf(slot.date()), slot.period().name(), resource};
        int n = jdbc.update("UPDATE capacity_slot SET total = ? WHERE hospital_id = ? AND slot_date = ? AND period = ? AND resource = ?"
                + " AND used <= ?", total, key[0], key[1], key[2], key[3], total);
        if (n == 1) {
            return -1;
        }
        List<Integer> used = jdbc.queryForList("SELECT used FROM capacity_slot WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                + " AND resource = ? FOR UPDATE", Integer.class, key);
        if (used.isEmpty()) {
            jdbc.update("INSERT INTO capacity_slot (hospital_id, slot_date, period, resource, total, used) VALUES (?, ?, ?, ?, ?, 0)",
                    key[0], key[1], key[2], key[3], total);
            return -1;
        }
        return used.get(0) <= total ? setTotalAgain(slot, resource, total) : used.get(0);
    }

    private int setTotalAgain(Slot slot, String resource, int total) {
        jdbc.update("UPDATE capacity_slot SET total = ? WHERE hospital_id = ? AND slot_date = ? AND period = ? AND resource = ?",
                total, slot.hospitalId(), Date.valueOf(slot.date()), slot.period().name(), resource);
        return -1;
    }

    /** Opens a slot's row with a total, keeping an existing row as it is (demo data, first opening of a day). */
    public void openIfAbsent(Slot slot, String resource, int total) {
        jdbc.update("INSERT IGNORE INTO capacity_slot (hospital_id, slot_date, period, resource, total, used) VALUES (?, ?, ?, ?, ?, 0)",
                slot.hospitalId(), Date.valueOf(slot.date()), slot.period().name(), resource, total);
    }

    private static List<String> rows(List<String> resources) {
        List<String> rows = new ArrayList<>(resources);
        if (!Resources.fromShare(resources)) {
            rows.add(Resources.TOTAL); // a campaign's share was taken from TOTAL already
        }
        Collections.sort(rows);
        return rows;
    }

    private static Object[] args(Slot slot, List<String> rows) {
        List<Object> a = new ArrayList<>(List.of(slot.hospitalId(), Date.valueOf(slot.date()), slot.period().name()));
        a.addAll(rows);
        return a.toArray();
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Capacity changes must run inside the booking's transaction");
        }
    }

    /** One capacity row. */
    public record SlotCount(LocalDate date, Period period, String resource, int total, int used) {
        public int remaining() {
            return Math.max(0, total - used);
        }
    }

    // ------------------------------------------------------------------ campaign shares
    // A campaign sets places aside per slot as a SHARE:<campaign> row of the calendar; unused ones go back to TOTAL.

    /** The campaign's share rows that still hold unused places. */
    public List<ShareRow> unusedShares(String campaignId) {
        return jdbc.query("SELECT hospital_id, slot_date, period, resource FROM capacity_slot WHERE resource = ? AND total > used",
                (rs, i) -> new ShareRow(new Slot(rs.getString(1), rs.getDate(2).toLocalDate(), Period.valueOf(rs.getString(3))),
                        rs.getString(4)), Resources.share(campaignId));
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
}
