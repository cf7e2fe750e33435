package com.checkup.message.app;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.message.InboxPage;
import com.checkup.contracts.message.InboxService;
import com.checkup.message.domain.InboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbox polls waiting in this instance for a notice of their user. A waiting poll is a future and a timer entry, never
 * a thread: it is answered by whichever happens first —
 * <ul>
 *   <li>{@link #wake(String)}: a notice of the user was committed here (called right after the commit);</li>
 *   <li>{@link #wakeNewer(Map)}: the periodic look at which users got a notice lately (on any instance) found the
 *       user's last number above the poll's cursor;</li>
 *   <li>the timer, after the poll's wait: an empty page with the cursor it came with.</li>
 * </ul>
 * A wake does not carry the notices: the woken poll reads what is newer than its cursor from the store (on a small
 * executor, never the caller's thread), so a wake is never wrong, only sometimes unneeded. Bounded: at most
 * {@code maxPerUser} waiting polls per user (one more answers the oldest, most likely abandoned by a dropped
 * connection, with an empty page) and {@code maxTotal} in all (more: TOO_MANY_REQUESTS).
 */
public final class InboxWaiters {
    private static final Logger log = LoggerFactory.getLogger(InboxWaiters.class);

    /** Runs a task after a delay; returns what cancels it. */
    @FunctionalInterface
    public interface Timer {
        Runnable schedule(Duration delay, Runnable task);
    }

    private final InboxStore store;
    private final Timer timer;
    private final Executor executor;
    private final int maxPerUser;
    private final int maxTotal;
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Waiter>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean closed;

    public InboxWaiters(InboxStore store, Timer timer, Executor executor, int maxPerUser, int maxTotal) {
        if (maxPerUser < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.store = store;
        this.timer = timer;
        this.executor = executor;
        this.maxPerUser = maxPerUser;
        this.maxTotal = maxTotal;
    }

    /** A poll waiting for notices of {@code user} numbered above {@code afterSeq}. */
    public final class Waiter {
        private final String user;
        private final long afterSeq;
        private final String cursor;
        private final CompletableFuture<InboxPage> future = new CompletableFuture<>();
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Runnable cancelTimer;

        private Waiter(String user, long afterSeq, String cursor) {
            this.user = user;
            this.afterSeq = afterSeq;
            this.cursor = cursor;
        }

        public CompletableFuture<InboxPage> future() {
            return future;
        }

        public long afterSeq() {
            return afterSeq;
        }

        /** Answers the poll (once; false if it was answered already) and forgets it. */
        public boolean answer(InboxPage page) {
            if (!finish()) {
                return false;
            }
            future.complete(page);
            return true;
        }

        /** Nothing new: the empty page with the cursor the poll came with. */
        boolean answerEmpty() {
            return answer(InboxPages.empty(cursor));
        }

        /** Gives up on the poll (it failed before waiting) and forgets it. */
        public void fail(Throwable t) {
            if (finish()) {
                future.completeExceptionally(t);
            }
        }

        private boolean finish() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            byUser.computeIfPresent(user, (k, list) -> {
                list.remove(this);
                return list.isEmpty() ? null : list;
            });
            held.decrementAndGet();
            Runnable c = cancelTimer;
            if (c != null) {
                c.run();
            }
            return true;
        }

        boolean isDone() {
            return done.get();
        }
    }

    /** False once the instance is stopping: polls are answered at once instead of waiting. */
    public boolean accepting() {
        return !closed;
    }

    /**
     * Holds a poll of {@code user} after notice {@code afterSeq} for up to {@code wait}. The caller must look at the
     * store <em>after</em> this (a notice committed before the poll was registered wakes nobody) and answer the
     * waiter itself when it finds something.
     */
    public Waiter hold(String user, long afterSeq, String cursor, Duration wait) {
        if (held.incrementAndGet() > maxTotal) {
            held.decrementAndGet();
            throw new BusinessException(ErrorCode.TOO_MANY_REQUESTS, "The inbox holds as many waiting polls as it may; poll again shortly");
        }
        Waiter w = new Waiter(user, afterSeq, cursor);
        Waiter[] evicted = new Waiter[1];
        byUser.compute(user, (k, list) -> {
            CopyOnWriteArrayList<Waiter> l = list == null ? new CopyOnWriteArrayList<>() : list;
            if (l.size() >= maxPerUser) {
                evicted[0] = l.get(0);
            }
            l.add(w);
            return l;
        });
        if (evicted[0] != null) {
            evicted[0].answerEmpty();
        }
        w.cancelTimer = timer.schedule(wait, w::answerEmpty);
        if (w.isDone()) {
            // answered before the timer was set (a wake raced us): the timer entry must not linger
            w.cancelTimer.run();
        }
        return w;
    }

    /** A notice of {@code user} was committed: every poll of the user looks again. */
    public void wake(String user) {
        List<Waiter> list = byUser.get(user);
        if (list != null) {
            for (Waiter w : list) {
                lookAgain(w);
            }
        }
    }

    /** Users' last numbers (as the store saw them lately): polls of those users behind them look again. */
    public void wakeNewer(Map<String, Long> lastSeqs) {
        for (Map.Entry<String, Long> e : lastSeqs.entrySet()) {
            List<Waiter> list = byUser.get(e.getKey());
            if (list != null) {
                for (Waiter w : list) {
                    if (w.afterSeq < e.getValue()) {
                        lookAgain(w);
                    }
                }
            }
        }
    }

    /**
     * Notices committed on other instances: one indexed query for the users numbered within the last
     * {@code lookbackSeconds}, only while polls wait here. A notice whose commit came later than the look-back after its
     * number is left to the poll's next round (it times out empty and the client's next poll reads it at once): late,
     * never lost.
     */
    public void wakeForOtherInstances(int lookbackSeconds) {
        if (held() > 0) {
            wakeNewer(store.changedWithin(lookbackSeconds));
        }
    }

    /** How many polls wait here now. */
    public int held() {
        return held.get();
    }

    /** Stopping: every waiting poll is answered now (empty, same cursor), so its client polls again elsewhere at once. */
    public void close() {
        closed = true;
        for (List<Waiter> list : byUser.values()) {
            for (Waiter w : list) {
                w.answerEmpty();
            }
        }
    }

    private void lookAgain(Waiter w) {
        if (w.isDone()) {
            return;
        }
        try {
            executor.execute(() -> check(w));
        } catch (RejectedExecutionException e) {
            // Readers saturated (or stopping): the poll keeps waiting; the next sweep, its timer or close() answers it.
        }
    }

    private void check(Waiter w) {
        if (w.isDone()) {
            return;
        }
        try {
            List<InboxEntry> newer = store.after(w.user, w.afterSeq, InboxService.PAGE);
            if (!newer.isEmpty()) {
                w.answer(InboxPages.of(w.user, newer));
            }
        } catch (RuntimeException e) {
            // The poll keeps waiting: the next sweep (or its timer) answers it; its client loses nothing.
            log.warn("Inbox poll of {} could not read its notices: {}", w.user, e.toString());
        }
    }
}
