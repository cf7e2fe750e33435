package com.checkup.platform.events;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A consumer group's lag on a topic for a gauge: read at scrape time, but asked of the broker at most once per
 * {@code maxAge}, and never on the scraping thread. A scrape gets the last figure at once and, if that is older
 * than {@code maxAge}, starts one refresh in the background; a figure older than {@code staleAfter} (broker
 * unreachable, consumer closed) is NaN, so a scrape never fails or waits on the broker.
 */
public final class ConsumerLag {
    private final LongSupplier query;
    private final ExecutorService executor;
    private final Duration maxAge;
    private final Duration staleAfter;
    private final Supplier<Long> clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long value = -1;
    private volatile long valueAt = Long.MIN_VALUE / 2;
    private volatile long askedAt = Long.MIN_VALUE / 2;

    public ConsumerLag(LongSupplier query, ExecutorService executor, Duration maxAge, Duration staleAfter) {
        this(query, executor, maxAge, staleAfter, System::nanoTime);
    }

    ConsumerLag(LongSupplier query, ExecutorService executor, Duration maxAge, Duration staleAfter, Supplier<Long> clock) {
        this.query = query;
        this.executor = executor;
        this.maxAge = maxAge;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** The last known lag, NaN if none is recent enough; starts a refresh when it is due. */
    public double value() {
        long now = clock.get();
        if (now - askedAt >= maxAge.toNanos() && refreshing.compareAndSet(false, true)) {
            askedAt = now;
            try {
                executor.execute(this::refresh);
            } catch (RuntimeException rejected) {
                refreshing.set(false); // shutting down: the figure goes stale
            }
        }
        long v = value;
        return v < 0 || now - valueAt > staleAfter.toNanos() ? Double.NaN : v;
    }

    void refresh() {
        try {
            long v = query.getAsLong();
            value = v;
            valueAt = clock.get();
        } catch (RuntimeException unreachable) {
            value = -1;
        } finally {
            refreshing.set(false);
        }
    }
}
