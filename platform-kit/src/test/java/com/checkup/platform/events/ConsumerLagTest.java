package com.checkup.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lag gauge: cached, asked off the scraping thread, NaN rather than a failure when the broker is away. */
class ConsumerLagTest {
    /** Runs tasks when told to, so the test sees what a scrape returns before and after the broker answered. */
    static final class Manual extends AbstractExecutorService {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }

        @Override public void shutdown() { }
        @Override public List<Runnable> shutdownNow() { return List.of(); }
        @Override public boolean isShutdown() { return false; }
        @Override public boolean isTerminated() { return false; }
        @Override public boolean awaitTermination(long t, TimeUnit u) { return true; }
    }

    @Test
    void askedAtMostOncePerMaxAgeAndNaNWhenTheBrokerFails() {
        Manual executor = new Manual();
        AtomicLong clock = new AtomicLong(0);
        AtomicInteger asked = new AtomicInteger();
        AtomicLong answer = new AtomicLong(7);
        ConsumerLag lag = new ConsumerLag(() -> {
            asked.incrementAndGet();
            if (answer.get() < 0) {
                throw new IllegalStateException("broker unreachable");
            }
            return answer.get();
        }, executor, Duration.ofSeconds(5), Duration.ofSeconds(60), clock::get);

        assertThat(lag.value()).as("nothing known yet: no figure, and no waiting on the broker").isNaN();
        assertThat(asked).hasValue(0);
        executor.runAll();
        assertThat(lag.value()).isEqualTo(7.0);
        for (int i = 0; i < 10; i++) {
            lag.value();
        }
        executor.runAll();
        assertThat(asked).as("one query within max age, however many scrapes").hasValue(1);

        clock.addAndGet(Duration.ofSeconds(6).toNanos());
        answer.set(-1);
        assertThat(lag.value()).as("the last figure while the refresh runs").isEqualTo(7.0);
        executor.runAll();
        assertThat(asked).hasValue(2);
        assertThat(lag.value()).as("broker failed: no figure").isNaN();
    }
}
