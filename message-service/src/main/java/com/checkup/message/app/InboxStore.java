package com.checkup.message.app;

import com.checkup.message.domain.InboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where inbox notices live (the port the use cases are written against; MyBatis in persistence/). */
public interface InboxStore {
    /** The number of the user's last shown notice; 0 when there is none. */
    long lastSeq(String user);

    /** Shown notices numbered above {@code afterSeq}, ascending, at most {@code limit}. */
    List<InboxEntry> after(String user, long afterSeq, int limit);

    /** The latest shown notices, ascending, at most {@code limit}. */
    List<InboxEntry> latest(String user, int limit);

    /**
     * Users whose last number changed within the last {@code seconds} (by the database's clock, one clock for every
     * instance), with that number. Small: only users who got a notice in that window.
     */
    Map<String, Long> changedWithin(int seconds);

    /**
     * Records a notice to be shown at {@code dueAt} (not yet numbered: invisible to polls); false when its source
     * (an event, a reminder key) already has one.
     */
    boolean record(String id, String sourceKey, String kind, String user, String bookingId, String hospitalId,
                   Map<String, String> params, Instant dueAt);

    /**
     * Shows a recorded notice: gives it the user's next number (the user's row is locked until the commit, so numbers
     * are committed in order) and its time. False when it is not waiting to be shown any more.
     */
    boolean show(String id, String user, Instant at);

    /** Reminders of a booking not shown yet are called off (cancelled or moved); how many. */
    int callOff(String bookingId);

    /** Recorded notices due at {@code now}, oldest first. */
    List<Due> due(Instant now, int limit);

    /** A due notice that will not be shown (its moment passed long ago); false if it changed meanwhile. */
    boolean expire(String id);

    /** Params of the user's latest booking notice (confirmed or reminder) of a booking, if any: its package, date, period. */
    Optional<Map<String, String>> bookingParams(String user, String bookingId);

    record Due(String id, String user, Instant dueAt) {
    }
}
