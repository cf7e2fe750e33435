package com.checkup.message.app;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.message.InboxPage;
import com.checkup.contracts.message.InboxService;
import com.checkup.message.domain.InboxCursor;
import com.checkup.message.domain.InboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A consumer's inbox poll ({@link InboxService}): the latest notices for a fresh client; with a cursor, what is newer
 * at once, else a wait (no thread held) until a notice of the user is committed or the wait ends.
 *
 * <p>The caller's thread (Dubbo's) only checks the parameters and registers the poll: every database read runs on
 * {@code readers}, a small pool, so a burst of polls (clients reconnecting together, a wave of waits ending at once)
 * queues there instead of filling the provider's thread pool. Parameter errors are thrown; a cursor above the user's
 * last number (known only from the database) fails the returned future.
 */
public final class Inbox {
    private final InboxStore store;
    private final InboxWaiters waiters;
    private final Executor readers;

    public Inbox(InboxStore store, InboxWaiters waiters, Executor readers) {
        this.store = store;
        this.waiters = waiters;
        this.readers = readers;
    }

    /** {@code user}: the signed caller's (never a parameter). */
    public CompletableFuture<InboxPage> poll(String user, String after, Integer waitSeconds) {
        int wait = waitSeconds(waitSeconds);
        if (after == null || after.isBlank()) {
            return read(() -> {
                List<InboxEntry> latest = store.latest(user, InboxService.LATEST);
                return latest.isEmpty() ? InboxPages.empty(InboxCursor.encode(user, 0)) : InboxPages.of(user, latest);
            });
        }
        long seq = InboxCursor.decode(after, user);
        if (wait == 0 || !waiters.accepting()) {
            return read(() -> {
                List<InboxEntry> newer = newer(user, seq);
                return newer.isEmpty() ? InboxPages.empty(after) : InboxPages.of(user, newer);
            });
        }
        // Registered first, then looked: a notice committed in between wakes this poll, one committed before is read.
        InboxWaiters.Waiter w = waiters.hold(user, seq, after, jittered(wait));
        try {
            readers.execute(() -> {
                if (w.future().isDone()) {
                    return; // answered while queued (timed out, evicted, woken): no read needed
                }
                try {
                    List<InboxEntry> newer = newer(user, seq);
                    if (!newer.isEmpty()) {
                        w.answer(InboxPages.of(user, newer));
                    }
                } catch (RuntimeException e) {
                    w.fail(e);
                }
            });
        } catch (RejectedExecutionException e) {
            w.fail(busy());
        }
        return w.future();
    }

    /**
     * Notices above {@code seq}: the user's last number first (a primary-key read: all a poll with nothing new costs),
     * the notices only when there are newer ones. A number above the last was never given out (another install, a
     * hand-made cursor): VALIDATION_FAILED naming {@code after}, the client starts afresh.
     */
    private List<InboxEntry> newer(String user, long seq) {
        long last = store.lastSeq(user);
        if (seq > last) {
            throw InboxCursor.notOurs();
        }
        return last == seq ? List.of() : store.after(user, seq, InboxService.PAGE);
    }

    private CompletableFuture<InboxPage> read(java.util.function.Supplier<InboxPage> read) {
        try {
            return CompletableFuture.supplyAsync(read, readers);
        } catch (RejectedExecutionException e) {
            throw busy();
        }
    }

    /**
     * Up to a tenth (at most 2 s) shorter than asked, at random: waits that began together (clients reconnecting
     * after an outage) end spread out, so their next polls do not all arrive at once, wave after wave.
     */
    static Duration jittered(int seconds) {
        long ms = seconds * 1000L;
        return Duration.ofMillis(ms - ThreadLocalRandom.current().nextLong(Math.min(ms / 10, 2000) + 1));
    }

    private static BusinessException busy() {
        return new BusinessException(ErrorCode.TOO_MANY_REQUESTS, "The inbox is busy; poll again shortly");
    }

    static int waitSeconds(Integer wait) {
        if (wait == null) {
            return 0;
        }
        if (wait < 0 || wait > InboxService.MAX_WAIT_SECONDS) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED,
                    "wait must be 0 to " + InboxService.MAX_WAIT_SECONDS + " seconds (" + wait + " given)");
        }
        return wait;
    }
}
