package com.checkup.platform.events;

import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.tx.Commits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Reminders} of one type for many keys, gathered for a short window and sent as one per lane and second of
 * their due time: the payload names them all and it is due when the last of them is. For work due long after it is
 * asked for (a hold's expiry, minutes away), where a reminder a few milliseconds late costs nothing and one message per
 * key costs the broker a write, an index entry and a timer slot each. A window that gathered one request's keys keeps that request's context (its trace
 * reaches the consumer); keys of several requests go in a new trace of their lane. Like every reminder, one lost (the
 * process died within the window) is made up for by its sweep; {@link #close} sends what is gathered.
 */
public final class BatchedReminders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchedReminders.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    /** Keys of one lane, due within one second, waiting for the window's end. */
    private static final class Pending {
        final String lane;
        final List<String> keys = new ArrayList<>();
        final CallContext first;
        Instant due;
        int requests;

        Pending(String lane, CallContext first) {
            this.lane = lane;
            this.first = first;
        }
    }

    private final Reminders reminders;
    private final String topic;
    private final String type;
    private final Function<List<String>, Object> payload;
    private final Duration window;
    private final int maxKeys;
    private final ScheduledExecutorService timer;
    /** By lane ("" for none) and second of the due time, in arrival order. Guarded by this. */
    private Map<String, Pending> pending = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param payload what a reminder carries for its keys (they come in the order asked for)
     * @param window  how long keys are gathered before they are sent
     * @param maxKeys keys per reminder at most (they are also the message's keys, indexed by the broker): more are sent
     *                at once
     */
    public BatchedReminders(Reminders reminders, String topic, String type, Function<List<String>, Object> payload,
                            Duration window, int maxKeys) {
        if (window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("window must be positive and maxKeys at least 1");
        }
        this.reminders = reminders;
        this.topic = topic;
        this.type = type;
        this.payload = payload;
        this.window = window;
        this.maxKeys = maxKeys;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reminders-" + type);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Asks for a reminder about these keys at {@code due} (up to a second later, with others), in the current context;
     * inside a transaction, once it commits (nothing on rollback), as {@link Reminders#remindAt}.
     */
    public void remindAt(List<String> keys, Instant due) {
        if (keys.isEmpty()) {
            return;
        }
        CallContext context = CallContextHolder.currentOrNewRoot();
        List<String> asked = List.copyOf(keys);
        Commits.afterCommit(() -> gather(context, asked, due));
    }

    private void gather(CallContext context, List<String> keys, Instant due) {
        String lane = context.lane() == null ? "" : context.lane();
        // Per lane and second of the due time: keys due at different times (holds of hospitals with other expiry
        // times) are not made to wait for the latest of them.
        String group = lane + '\n' + Math.floorDiv(due.toEpochMilli(), 1000L);
        Pending full = null;
        synchronized (this) {
            if (closed) {
                full = new Pending(lane, context);
                full.keys.addAll(keys);
                full.due = due;
                full.requests = 1;
            } else {
                boolean firstOfWindow = pending.isEmpty();
                Pending p = pending.computeIfAbsent(group, g -> new Pending(lane, context));
                p.keys.addAll(keys);
                p.due = p.due == null || due.isAfter(p.due) ? due : p.due;
                p.requests++;
                if (p.keys.size() >= maxKeys) {
                    full = pending.remove(group);
                } else if (firstOfWindow) {
                    timer.schedule(this::flush, window.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
        if (full != null) {
            send(full);
        }
    }

    /** Keys gathered and not sent yet. */
    public synchronized int pending() {
        return pending.values().stream().mapToInt(p -> p.keys.size()).sum();
    }

    /** Sends what is gathered now. */
    public void flush() {
        Map<String, Pending> due;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            due = pending;
            pending = new LinkedHashMap<>();
        }
        due.values().forEach(this::send);
    }

    /**
     * Sends what is gathered and waits (up to {@code CLOSE_WAIT}) for the broker's answers, so the producer is not shut
     * down under them; later requests are sent at once.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        flush();
        timer.shutdown();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (reminders.inFlight() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private void send(Pending p) {
        String lane = p.lane;
        CallContext context = p.requests == 1 ? p.first : CallContext.newRoot().withLane(lane.isEmpty() ? null : lane);
        for (int from = 0; from < p.keys.size(); from += maxKeys) {
            List<String> keys = List.copyOf(p.keys.subList(from, Math.min(p.keys.size(), from + maxKeys)));
            try (CallContextHolder.Scope ignored = CallContextHolder.bind(context)) {
                reminders.remindAt(topic, type, String.join(" ", keys), payload.apply(keys), p.due);
            } catch (RuntimeException e) {
                // Best effort, as every reminder: the sweep covers these keys.
                log.warn("Reminder {} for {} not sent, its sweep will cover them: {}", type, keys, e.toString());
            }
        }
    }
}
