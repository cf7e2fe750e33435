package com.checkup.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import com.checkup.platform.time.SettableClock;
import org.junit.jupiter.api.Test;

class RecentReadsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();

    private Optional<String> read(String value) {
        reads.incrementAndGet();
        return Optional.ofNullable(value);
    }

    @Test
    void aValueIsReadOnceWithinItsTimeAndAgainAfter() {
        RecentReads<String, String> cache = new RecentReads<>(Duration.ofSeconds(10), 100, clock);
        assertThat(cache.get("H001", () -> read("v1"))).contains("v1");
        clock.advance(Duration.ofSeconds(9));
        assertThat(cache.get("H001", () -> read("v2"))).contains("v1");
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("H001", () -> read("v2"))).contains("v2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void anAbsentValueIsNotKeptSoANewRowIsSeenAtOnce() {
        RecentReads<String, String> cache = new RecentReads<>(Duration.ofSeconds(10), 100, clock);
        assertThat(cache.get("H404", () -> read(null))).isEmpty();
        assertThat(cache.get("H404", () -> read("created"))).contains("created");
        assertThat(reads).hasValue(2);
    }

    @Test
    void pastItsBoundItStartsOverInsteadOfGrowing() {
        RecentReads<Integer, String> cache = new RecentReads<>(Duration.ofMinutes(1), 3, clock);
        for (int i = 0; i < 3; i++) {
            int k = i;
            cache.get(k, () -> read("v" + k));
        }
        cache.get(3, () -> read("v3")); // the fourth key: the three before are dropped
        assertThat(reads).hasValue(4);
        assertThat(cache.get(0, () -> read("again"))).contains("again");
        assertThat(cache.get(3, () -> read("not read"))).contains("v3");
        assertThat(reads).hasValue(5);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RecentReads<>(Duration.ZERO, 1, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentReads<>(Duration.ofSeconds(1), 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
