package com.checkup.booking.persistence;

import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
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
 * whether every row had room; the caller's transaction rolls back otherwise. The statements are
 * {@link CapacityMapper}'s SQL, not entity loads: they are set-based.
 */
@Repository
public class CapacityCalendar {
    private static final Logger log = LoggerFactory.getLogger(CapacityCalendar.class);

    private final CapacityMapper mapper;
    /** The hold path's conditional updates (take, takeAllStatement, release) are plain JDBC, as the booking insert: see BookingRepository. */
    private final JdbcTemplate jdbc;

    public CapacityCalendar(CapacityMapper mapper, JdbcTemplate jdbc) {
        this.mapper = mapper;
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
     * The statement taking the places of several holds of one slot at once ({@code holds}: each hold's resources), all or
     * nothing: each row goes up by what the holds need of it, only where that still fits. The places were taken when it
     * changed {@link #rowsOf} rows; otherwise its transaction MUST roll back.
     */
    static SqlStatement takeAllStatement(Slot slot, List<List<String>> holds) {
        Map<String, Integer> need = need(holds);
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
        return new SqlStatement("UPDATE capacity_slot SET used = used + " + increment + " WHERE hospital_id = ? AND slot_date = ?"
                + " AND period = ? AND resource IN (" + marks(need.size()) + ") AND used + " + increment + " <= total", args);
    }

    /** How many capacity rows {@link #takeAllStatement} must change for these holds. */
    static int rowsOf(List<List<String>> holds) {
        return need(holds).size();
    }

    private static Map<String, Integer> need(List<List<String>> holds) {
        Map<String, Integer> need = new TreeMap<>();
        for (List<String> resources : holds) {
            for (String row : rows(resources)) {
                need.merge(row, 1, Integer::sum);
            }
        }
        return need;
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
        return mapper.read(hospitalId, from, to, rows(resources)).stream().map(CapacityCalendar::count).toList();
    }

    /** Every row of a hospital's day (all resources). */
    public List<SlotCount> day(String hospitalId, LocalDate day) {
        return mapper.day(hospitalId, day).stream().map(CapacityCalendar::count).toList();
    }

    /**
     * Sets a row's total, never below what is booked (checked in the same statement, so a hold racing the change
     * cannot end up over the new total). Returns -1 when set, else the number booked that the total may not go under.
     */
    public int setTotal(Slot slot, String resource, int total) {
        requireTransaction();
        String h = slot.hospitalId();
        String p = slot.period().name();
        if (mapper.setTotalIfFits(h, slot.date(), p, resource, total) == 1) {
            return -1;
        }
        CapacityRow row = mapper.lock(h, slot.date(), p, resource);
        if (row == null) {
            mapper.open(h, slot.date(), p, resource, total, false);
            return -1;
        }
        if (row.used <= total) {
            mapper.setTotal(h, slot.date(), p, resource, total);
            return -1;
        }
        return row.used;
    }

    /** Opens a slot's row with a total, keeping an existing row as it is (demo data, first opening of a day). */
    public void openIfAbsent(Slot slot, String resource, int total) {
        mapper.open(slot.hospitalId(), slot.date(), slot.period().name(), resource, total, true);
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
        // A LocalDate, not a java.sql.Date: the driver writes that without a SimpleDateFormat per value (1 % of a hold).
        List<Object> a = new ArrayList<>(List.of(slot.hospitalId(), slot.date(), slot.period().name()));
        a.addAll(rows);
        return a.toArray();
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static SlotCount count(CapacityRow r) {
        return new SlotCount(r.slotDate, Period.valueOf(r.period), r.resource, r.total, r.used);
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
        return mapper.unused(Resources.share(campaignId)).stream().map(CapacityCalendar::share).toList();
    }

    /**
     * Sets up to {@code cap(slot total, the company's share already set aside there)} of a slot's free places aside as
     * the campaign's share (locking the slot's TOTAL row); returns how many were set aside (0: none free, and no share row).
     */
    public int reserveShare(Slot slot, String campaignId, String companyId, java.util.function.IntBinaryOperator cap) {
        String h = slot.hospitalId();
        String p = slot.period().name();
        CapacityRow total = mapper.lock(h, slot.date(), p, Resources.TOTAL);
        if (total == null) {
            return 0;
        }
        int n = Math.min(cap.applyAsInt(total.total, mapper.companyShare(h, slot.date(), p, companyId)), total.total - total.used);
        if (n <= 0) {
            // Nothing free (or the day is not open): no share row, so employees book from general capacity.
            return 0;
        }
        mapper.useTotal(h, slot.date(), p, n);
        mapper.open(h, slot.date(), p, Resources.share(campaignId), n, false);
        return n;
    }

    /** A share row whose day is within its campaign's cut-off and which still has unused places. */
    public record ShareRow(Slot slot, String resource) {
    }

    public List<ShareRow> sharesToRelease(LocalDate today) {
        return mapper.sharesToRelease(today).stream().map(CapacityCalendar::share).toList();
    }

    /** Gives a share's unused places back to the slot's TOTAL (locking the share row first); returns how many. */
    public int release(ShareRow share) {
        Slot s = share.slot();
        CapacityRow row = mapper.lock(s.hospitalId(), s.date(), s.period().name(), share.resource());
        if (row == null || row.total - row.used <= 0) {
            return 0;
        }
        int n = row.total - row.used;
        mapper.shrink(s.hospitalId(), s.date(), s.period().name(), share.resource(), n);
        mapper.freeTotal(s.hospitalId(), s.date(), s.period().name(), n);
        return n;
    }

    /** Whether the slot has a share row for the campaign (there was capacity to set aside when it started). */
    public boolean hasShare(Slot slot, String campaignId) {
        return mapper.count(slot.hospitalId(), slot.date(), slot.period().name(), Resources.share(campaignId)) > 0;
    }

    private static ShareRow share(CapacityRow r) {
        return new ShareRow(new Slot(r.hospitalId, r.slotDate, Period.valueOf(r.period)), r.resource);
    }
}
