package com.checkup.platform.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reference data read on hot paths (a hospital, a package, a message template) kept for a short time: a change
 * reaches every reader within {@code ttl}, and a value found absent is read again next time (nothing negative is kept,
 * so a new row is seen at once). Bounded: past {@code maxEntries} it starts over empty rather than keep whatever an
 * unbounded set of keys would pile up. Two readers that miss at once both read; the last one's value is kept.
 */
public final class RecentReads<K, V> {
    private record Entry<V>(V value, Instant readAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    public RecentReads(Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isNegative() || ttl.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("ttl must be positive and maxEntries at least 1: " + ttl + ", " + maxEntries);
        }
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The value read less than {@code ttl} ago, else what {@code read} gives now (kept when present). */
    public Optional<V> get(K key, Supplier<Optional<V>> read) {
        Instant now = clock.instant();
        Entry<V> e = entries.get(key);
        if (e != null && e.readAt().plus(ttl).isAfter(now)) {
            return Optional.of(e.value());
        }
        Optional<V> fresh = read.get();
        if (fresh.isPresent()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(fresh.get(), now));
        } else {
            entries.remove(key);
        }
        return fresh;
    }
}
