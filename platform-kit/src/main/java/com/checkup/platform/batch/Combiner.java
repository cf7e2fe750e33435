package com.checkup.platform.batch;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Combines work that callers submit under the same key at about the same time into one batch, run by one of the
 * callers (group commit, without a thread of its own). Per key at most one batch runs at a time; what arrives
 * meanwhile waits and forms the next batch, so batches grow with the load by themselves and a lone caller
 * runs alone at once, with no added delay. An optional follow-up runs after a batch, by the same caller, once the key is
 * free again; the batch's callers return after it. Typical use: many holds on one hot slot become one transaction
 * instead of a queue of transactions waiting for the slot's row lock, and their orders one call.
 *
 * @param <K> what may be combined (e.g. the slot)
 * @param <T> one caller's work
 * @param <R> one caller's result
 */
public final class Combiner<K, T, R> {
    private final ConcurrentHashMap<K, Group> groups = new ConcurrentHashMap<>();
    private final int maxBatch;
    private final Consumer<List<Entry<T, R>>> action;
    private final Consumer<List<Entry<T, R>>> then;

    /**
     * @param maxBatch most entries in one batch
     * @param action   runs a batch; it completes every entry ({@link Entry#complete} or {@link Entry#fail}); an entry it
     *                 leaves open fails with what the action threw, or an {@link IllegalStateException}
     */
    public Combiner(int maxBatch, Consumer<List<Entry<T, R>>> action) {
        this(maxBatch, action, null);
    }

    /**
     * @param then runs after {@code action}, by the same caller, once the key is free again: the key's next batch may
     *             run meanwhile. For work that must follow a batch before its callers return but need not hold up the
     *             next batch (telling another service what was written). It sees the entries as the action left them and
     *             may fail one that had a result; if it throws, the entries with a result fail with that.
     */
    public Combiner(int maxBatch, Consumer<List<Entry<T, R>>> action, Consumer<List<Entry<T, R>>> then) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.action = action;
        this.then = then;
    }

    /** Runs {@code work} in a batch of its key and returns its result, or throws what its entry failed with. */
    public R submit(K key, T work) {
        Entry<T, R> mine = new Entry<>(work);
        while (true) {
            Group g = groups.computeIfAbsent(key, k -> new Group());
            g.lock.lock();
            try {
                if (g.retired) {
                    continue; // emptied and removed meanwhile: join (or start) the key's new group
                }
                g.queue.add(mine);
                while (!mine.settled) {
                    if (g.running || mine.taken) {
                        // Not interruptible: the entry is queued (or in a batch) and will be run; its caller must get
                        // its result.
                        g.finished.awaitUninterruptibly();
                        continue;
                    }
                    g.running = true;
                    List<Entry<T, R>> batch = g.take(maxBatch);
                    g.lock.unlock();
                    try {
                        run(batch);
                    } finally {
                        g.lock.lock();
                        g.running = false;
                        if (g.queue.isEmpty()) {
                            g.retired = true;
                            groups.remove(key, g);
                        }
                        if (then == null) {
                            batch.forEach(e -> e.settled = true);
                        }
                        g.finished.signalAll();
                    }
                    if (then != null) {
                        // The key is free: the next batch may start while this one's follow-up runs.
                        g.lock.unlock();
                        try {
                            follow(batch);
                        } finally {
                            g.lock.lock();
                            batch.forEach(e -> e.settled = true);
                            g.finished.signalAll();
                        }
                    }
                }
            } finally {
                g.lock.unlock();
            }
            return mine.result();
        }
    }

    /** Keys with work queued or a batch running (not counting follow-ups still running; for tests and metrics). */
    public int activeKeys() {
        return groups.size();
    }

    /** Entries waiting under a key for a batch (not those running). */
    public int queued(K key) {
        Group g = groups.get(key);
        if (g == null) {
            return 0;
        }
        g.lock.lock();
        try {
            return g.queue.size();
        } finally {
            g.lock.unlock();
        }
    }

    private void run(List<Entry<T, R>> batch) {
        RuntimeException thrown = null;
        try {
            action.accept(batch);
        } catch (Throwable e) { // Errors and sneaky checked exceptions too: every caller must get an answer
            thrown = asRuntime(e);
        }
        for (Entry<T, R> e : batch) {
            if (!e.done) {
                e.fail(thrown != null ? thrown : new IllegalStateException("The batch left this entry without a result"));
            }
        }
    }

    private void follow(List<Entry<T, R>> batch) {
        try {
            then.accept(batch);
        } catch (Throwable e) {
            RuntimeException failure = asRuntime(e);
            for (Entry<T, R> entry : batch) {
                if (entry.failure == null) {
                    entry.fail(failure);
                }
            }
        }
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException("Batch failed", e);
    }

    /** One caller's work in a batch. */
    public static final class Entry<T, R> {
        private final T work;
        private volatile boolean done;
        /** Taken into a batch (no longer queued): its caller must not start a batch of its own. */
        private boolean taken;
        /** Its batch and the batch's follow-up (if any) are over: its caller may return. */
        private boolean settled;
        private R result;
        private RuntimeException failure;

        Entry(T work) {
            this.work = work;
        }

        public T work() {
            return work;
        }

        public boolean isDone() {
            return done;
        }

        /** The result it was completed with, for a follow-up to read; null when it failed or is still open. */
        public R value() {
            return done && failure == null ? result : null;
        }

        public void complete(R value) {
            result = value;
            done = true;
        }

        public void fail(RuntimeException e) {
            failure = e;
            done = true;
        }

        R result() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    private final class Group {
        final ReentrantLock lock = new ReentrantLock();
        final Condition finished = lock.newCondition();
        final ArrayDeque<Entry<T, R>> queue = new ArrayDeque<>();
        boolean running;
        boolean retired;

        List<Entry<T, R>> take(int max) {
            List<Entry<T, R>> batch = new ArrayList<>(Math.min(max, queue.size()));
            while (batch.size() < max && !queue.isEmpty()) {
                Entry<T, R> e = queue.poll();
                e.taken = true;
                batch.add(e);
            }
            return batch;
        }
    }
}
