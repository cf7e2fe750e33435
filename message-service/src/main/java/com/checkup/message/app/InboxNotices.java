package com.checkup.message.app;

import com.checkup.contracts.message.InboxNotice;
import com.checkup.platform.tx.Commits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes consumers' inbox notices: from events, in the transaction that records the event as handled (so once per
 * event, and never lost once the event is), and the day-before reminders when they fall due. A notice is numbered in
 * its user's sequence when it is shown; the user's waiting polls on this instance are woken right after the commit
 * (other instances find it by their periodic look, {@link InboxWaiters#wakeNewer}).
 */
public final class InboxNotices {
    private static final Logger log = LoggerFactory.getLogger(InboxNotices.class);
    /** A reminder whose moment passed longer ago than this (the service was down) is not shown any more. */
    static final Duration TOO_LATE = Duration.ofHours(12);

    private final InboxStore store;
    private final InboxWaiters waiters;
    private final CatalogueNames names;
    private final TransactionOperations tx;
    private final Clock clock;
    private final ZoneId zone;
    private final LocalTime reminderAt;

    public InboxNotices(InboxStore store, InboxWaiters waiters, CatalogueNames names, TransactionOperations tx, Clock clock,
                        ZoneId zone, LocalTime reminderAt) {
        this.store = store;
        this.waiters = waiters;
        this.names = names;
        this.tx = tx;
        this.clock = clock;
        this.zone = zone;
        this.reminderAt = reminderAt;
    }

    /** A notice shown now, once per {@code sourceKey} (the event id); false when it was there already or has no user. */
    public boolean add(String sourceKey, String kind, String user, String bookingId, String hospitalId, Map<String, String> params) {
        if (user == null || user.isBlank()) {
            log.warn("{} from {} has no consumer: no inbox notice", kind, sourceKey);
            return false;
        }
        Instant now = clock.instant();
        String id = newId();
        if (!store.record(id, sourceKey, kind, user, bookingId, hospitalId, params, now)) {
            return false;
        }
        store.show(id, user, now);
        Commits.afterCommit(() -> waiters.wake(user));
        return true;
    }

    /**
     * The day-before reminder of an exam on {@code examDate} ({@link #reminderAt} in the platform's zone), recorded now
     * and shown then; none when that moment has passed. Keyed by the event that scheduled it.
     */
    public boolean remind(String sourceKey, String user, String bookingId, String hospitalId, LocalDate examDate,
                          Map<String, String> params) {
        if (user == null || user.isBlank()) {
            return false;
        }
        Instant at = examDate.minusDays(1).atTime(reminderAt).atZone(zone).toInstant();
        if (at.isBefore(clock.instant())) {
            return false;
        }
        return store.record(newId(), "reminder:" + sourceKey, InboxNotice.EXAM_REMINDER, user, bookingId, hospitalId, params, at);
    }

    public int callOffReminders(String bookingId) {
        return bookingId == null ? 0 : store.callOff(bookingId);
    }

    /**
     * Shows what fell due, a hundred at a time; a backlog (after a stop) is worked off over a few calls, not in one that
     * holds the scheduler for long.
     */
    public int showDueBacklog() {
        int shown = 0;
        for (int round = 0; round < 10; round++) {
            int n = showDue(100);
            shown += n;
            if (n < 100) {
                break;
            }
        }
        return shown;
    }

    /** Shows the reminders that fell due, each in its own transaction (several instances may run this at once). */
    public int showDue(int limit) {
        int shown = 0;
        for (InboxStore.Due d : store.due(clock.instant(), limit)) {
            try {
                if (Boolean.TRUE.equals(tx.execute(s -> show(d)))) {
                    shown++;
                }
            } catch (RuntimeException e) {
                // one reminder that cannot be shown (yet) must not hold up the others behind it
                log.warn("Inbox notice {} of {} could not be shown now: {}", d.id(), d.user(), e.toString());
            }
        }
        return shown;
    }

    private boolean show(InboxStore.Due d) {
        Instant now = clock.instant();
        if (d.dueAt().isBefore(now.minus(TOO_LATE))) {
            if (store.expire(d.id())) {
                log.warn("Inbox notice {} of {} was due at {}: too late to show", d.id(), d.user(), d.dueAt());
            }
            return false;
        }
        if (!store.show(d.id(), d.user(), now)) {
            return false; // another instance showed it, or it was called off meanwhile
        }
        Commits.afterCommit(() -> waiters.wake(d.user()));
        return true;
    }

    /** What a booking notice says: hospital and package (names when the catalogue gives them), day and period. */
    public Map<String, String> bookingParams(String hospitalId, String packageId, String examDate, String period) {
        Map<String, String> p = new LinkedHashMap<>();
        names.hospital(hospitalId).ifPresent(n -> p.put("hospitalName", n));
        putIf(p, "packageId", packageId);
        names.packageName(hospitalId, packageId).ifPresent(n -> p.put("packageName", n));
        putIf(p, "examDate", examDate);
        putIf(p, "period", period);
        return p;
    }

    /** For a later notice of a booking (report, refund): the hospital's name and what the booking's notices said. */
    public Map<String, String> laterParams(String user, String bookingId, String hospitalId) {
        Map<String, String> p = new LinkedHashMap<>();
        names.hospital(hospitalId).ifPresent(n -> p.put("hospitalName", n));
        if (user != null && bookingId != null) {
            store.bookingParams(user, bookingId).ifPresent(known -> known.forEach(p::putIfAbsent));
        }
        return p;
    }

    /** Cents as yuan, e.g. 129900 → "1299.00". */
    public static String yuan(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static void putIf(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(key, value);
        }
    }

    private static String newId() {
        return "N-" + UUID.randomUUID();
    }

}
