package com.checkup.platform.work;

import static com.checkup.platform.time.UtcColumns.utc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.checkup.platform.tx.Commits;

/**
 * A table of leased work, claimed the one way every such table is: read the ids of due rows, take them with one
 * conditional update that stamps a fresh claim token and moves their due time to the lease's end (rows another claimer
 * took meanwhile no longer match, so each row is won once), then read back the rows carrying that token. A row whose
 * worker dies becomes due again when the lease ends. Subclasses give the three statements (their mapper's) and how a
 * row becomes an item; finishing is theirs too, always conditional on the token ({@link Lease}).
 *
 * @param <K> the table's key
 * @param <R> the table's row
 * @param <T> the work item handed to workers
 */
public abstract class LeaseTable<K, R, T> implements WorkQueue<T> {
    private final List<Runnable> wakeUps = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void whenWorkAdded(Runnable wakeUp) {
        wakeUps.add(wakeUp);
    }

    /**
     * A subclass calls this after writing work that may be due: the loop driving this table looks at once — after the
     * commit when inside a transaction (before it, the row cannot be seen), else now. The poll still finds work added
     * elsewhere (another instance, a retry coming due), only later.
     */
    protected final void workAdded() {
        Commits.afterCommit(() -> wakeUps.forEach(Runnable::run));
    }

    /** Ids of rows due at {@code now} and not under a live lease, in the order they should be worked, at most {@code limit}. */
    protected abstract List<K> dueIds(LocalDateTime now, int limit);

    /**
     * Among {@code ids}, those still due at {@code now} get {@code token} and become due again only at {@code leaseEnd};
     * returns how many.
     */
    protected abstract int claimIds(List<K> ids, String token, LocalDateTime now, LocalDateTime leaseEnd);

    /** The rows among {@code ids} that carry {@code token} (in any order: they are handed out in the order of {@code ids}). */
    protected abstract List<R> claimedRows(List<K> ids, String token);

    /** A fresh claim token (36 characters at most); a table may say whose claim it is (see {@code OutboxRelay}). */
    protected String newToken() {
        return UUID.randomUUID().toString();
    }

    /** A row's key, as {@link #dueIds} returns it. */
    protected abstract K keyOf(R row);

    protected abstract T item(R row);

    @Override
    public final List<Lease<T>> claim(Instant now, int limit, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        List<K> due = dueIds(utc(now), limit);
        if (due.isEmpty()) {
            return List.of();
        }
        String token = newToken();
        if (claimIds(due, token, utc(now), utc(now.plus(lease))) == 0) {
            return List.of();
        }
        // The claim moved every row's due time to the lease's end, so only the due list still says the order to work in.
        Map<K, Integer> position = new HashMap<>();
        for (int i = 0; i < due.size(); i++) {
            position.put(due.get(i), i);
        }
        List<R> rows = new ArrayList<>(claimedRows(due, token));
        rows.sort(Comparator.comparingInt(r -> position.getOrDefault(keyOf(r), Integer.MAX_VALUE)));
        List<Lease<T>> out = new ArrayList<>(rows.size());
        for (R row : rows) {
            out.add(new Lease<>(item(row), token));
        }
        return out;
    }
}
