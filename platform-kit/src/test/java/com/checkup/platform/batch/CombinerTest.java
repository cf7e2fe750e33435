package com.checkup.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CombinerTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(24);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aLoneCallerRunsAloneAndGetsItsResult() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        Combiner<String, Integer, Integer> c = new Combiner<>(8, batch -> {
            sizes.add(batch.size());
            batch.forEach(e -> e.complete(e.work() * 2));
        });
        assertThat(c.submit("k", 21)).isEqualTo(42);
        assertThat(c.submit("k", 5)).isEqualTo(10);
        assertThat(sizes).containsExactly(1, 1);
        assertThat(c.activeKeys()).isZero();
    }

    @Test
    void whatArrivesWhileABatchRunsFormsTheNextBatchAndEveryoneGetsTheirOwnResult() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        AtomicInteger runningNow = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Combiner<String, Integer, String> c = new Combiner<>(5, batch -> {
            mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
            batches.add(batch.stream().map(Combiner.Entry::work).toList());
            if (batch.get(0).work() == 0) {
                firstRunning.countDown();
                waitFor(release);
            }
            batch.forEach(e -> e.complete("r" + e.work()));
            runningNow.decrementAndGet();
        });

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> c.submit("slot", 0), pool);
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> others = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            int n = i;
            others.add(CompletableFuture.supplyAsync(() -> c.submit("slot", n), pool));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> c.queued("slot") == 12);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("r0");
        for (int i = 0; i < others.size(); i++) {
            assertThat(others.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("r" + (i + 1));
        }
        // 1 alone, then the 12 that waited in batches of at most 5, one batch at a time.
        assertThat(batches).hasSize(4);
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.subList(1, 4)).allSatisfy(b -> assertThat(b.size()).isBetween(2, 5));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(13);
        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(c.activeKeys()).isZero();
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Combiner<String, String, String> c = new Combiner<>(4, batch -> {
            if (batch.get(0).work().equals("blocked")) {
                waitFor(release);
            }
            batch.forEach(e -> e.complete(e.work()));
        });
        CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> c.submit("a", "blocked"), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.activeKeys() == 1);
        assertThat(c.submit("b", "free")).isEqualTo("free");
        assertThat(blocked).isNotDone();
        release.countDown();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo("blocked");
    }

    @Test
    void aFailedBatchFailsItsEntriesAndTheNextBatchStillRuns() {
        Combiner<String, Integer, Integer> c = new Combiner<>(4, batch -> {
            if (batch.get(0).work() < 0) {
                throw new IllegalArgumentException("negative");
            }
            if (batch.get(0).work() == 0) {
                return; // leaves the entry open
            }
            batch.forEach(e -> e.complete(e.work()));
        });
        assertThatThrownBy(() -> c.submit("k", -1)).isInstanceOf(IllegalArgumentException.class).hasMessage("negative");
        assertThatThrownBy(() -> c.submit("k", 0)).isInstanceOf(IllegalStateException.class);
        assertThat(c.submit("k", 3)).isEqualTo(3);
    }

    @Test
    void manyCallersOnFewKeysAllFinishWithTheirOwnResults() throws Exception {
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        Combiner<String, Integer, Integer> c = new Combiner<>(16, batch -> {
            String key = "k" + (batch.get(0).work() % 3);
            if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            batch.forEach(e -> e.complete(e.work() + 1));
            running.get(key).decrementAndGet();
        });
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int n = i;
            all.add(CompletableFuture.supplyAsync(() -> c.submit("k" + (n % 3), n), pool));
        }
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + 1);
        }
        assertThat(overlaps.get()).as("two batches of one key at the same time").isZero();
        assertThat(c.activeKeys()).isZero();
    }

    @Test
    void aFollowUpRunsOnceTheKeyIsFreeAndItsCallersReturnOnlyAfterIt() throws Exception {
        CountDownLatch firstFollowing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        Combiner<String, Integer, String> c = new Combiner<>(4, batch -> batch.forEach(e -> e.complete("r" + e.work())),
                batch -> {
                    batch.forEach(e -> seen.add(e.value()));
                    if (batch.get(0).work() == 0) {
                        firstFollowing.countDown();
                        waitFor(release);
                    }
                });

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> c.submit("slot", 0), pool);
        assertThat(firstFollowing.await(10, TimeUnit.SECONDS)).isTrue();
        // The key is free while the first batch's follow-up runs: the next batch is written and returns meanwhile.
        assertThat(CompletableFuture.supplyAsync(() -> c.submit("slot", 1), pool).get(10, TimeUnit.SECONDS)).isEqualTo("r1");
        assertThat(first).isNotDone();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("r0");
        assertThat(seen).containsExactlyInAnyOrder("r0", "r1");
        assertThat(c.activeKeys()).isZero();
    }

    @Test
    void aFollowUpMayFailAnEntryAndOneThatThrowsFailsTheEntriesStillStanding() {
        Combiner<String, Integer, Integer> c = new Combiner<>(4, batch -> batch.forEach(e -> e.complete(e.work())),
                batch -> {
                    for (Combiner.Entry<Integer, Integer> e : batch) {
                        if (e.work() == 1) {
                            e.fail(new IllegalArgumentException("one"));
                        }
                        if (e.work() == 2) {
                            throw new IllegalStateException("two");
                        }
                    }
                });
        assertThat(c.submit("k", 0)).isZero();
        assertThatThrownBy(() -> c.submit("k", 1)).isInstanceOf(IllegalArgumentException.class).hasMessage("one");
        assertThatThrownBy(() -> c.submit("k", 2)).isInstanceOf(IllegalStateException.class).hasMessage("two");
        assertThat(c.activeKeys()).isZero();
    }

    @Test
    void withAFollowUpManyCallersStillAllFinishWithTheirOwnResults() throws Exception {
        AtomicInteger followed = new AtomicInteger();
        Combiner<String, Integer, Integer> c = new Combiner<>(3, batch -> batch.forEach(e -> e.complete(e.work())),
                batch -> followed.addAndGet(batch.size()));
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            int n = i;
            all.add(CompletableFuture.supplyAsync(() -> c.submit("k" + (n % 2), n), pool));
        }
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + 1);
        }
        assertThat(followed.get()).isEqualTo(300);
        assertThat(c.activeKeys()).isZero();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
