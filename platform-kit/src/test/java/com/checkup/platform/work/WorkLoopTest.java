package com.checkup.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.checkup.platform.context.CallContextHolder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkLoopTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private static final Duration LEASE = Duration.ofMinutes(1);
    /** Long enough that no tick happens during a test: passes run only when the test asks. */
    private static final Duration NEVER = Duration.ofHours(1);

    @SuppressWarnings("unchecked")
    private final WorkQueue<String> queue = mock(WorkQueue.class);

    private static List<Lease<String>> leases(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Lease<>("item-" + i, "token")).toList();
    }

    @Test
    void aPassClaimsABatchPerIdleWorkerAndHandsEachWorkerItsOwn() throws Exception {
        when(queue.claim(any(), anyInt(), any())).thenReturn(leases(5), List.of());
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        try (WorkLoop<String> loop = new WorkLoop<>("test", queue, b -> {
            batches.add(b.stream().map(Lease::item).toList());
            done.countDown();
        }, new WorkLoop.Settings(3, 2, LEASE, NEVER), CLOCK, null)) {
            assertThat(loop.pass()).isEqualTo(5);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        // (Full batches wake the loop, so a second pass may have asked again, finding nothing.)
        verify(queue, atLeastOnce()).claim(CLOCK.instant(), 6, LEASE);
        assertThat(batches).hasSize(3);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder(
                "item-0", "item-1", "item-2", "item-3", "item-4");
        assertThat(batches.stream().mapToInt(List::size).max()).hasValue(2);
    }

    @Test
    void busyWorkersAreNotGivenMoreAndAFullBatchLooksAgainAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        when(queue.claim(any(), anyInt(), any())).thenReturn(leases(1), leases(1), List.of());
        List<String> worked = new CopyOnWriteArrayList<>();
        try (WorkLoop<String> loop = new WorkLoop<>("test", queue, b -> {
            release.await();
            worked.add(b.get(0).item());
        }, new WorkLoop.Settings(2, 1, LEASE, NEVER), CLOCK, null)) {
            loop.pass(); // one worker busy now
            loop.pass();
            verify(queue).claim(CLOCK.instant(), 2, LEASE);
            verify(queue).claim(CLOCK.instant(), 1, LEASE);
            assertThat(loop.pass()).isZero(); // both busy: nothing claimed, the queue not even asked
            verify(queue, never()).claim(any(), eq(0), any());
            release.countDown();
            // Each finished a full batch (1 of 1) and woke the loop: a pass for the two idle workers follows by itself.
            // (Once from the first pass; at least once more once both are free.)
            verify(queue, timeout(5_000).atLeast(2)).claim(CLOCK.instant(), 2, LEASE);
        }
        assertThat(worked).hasSize(2);
    }

    @Test
    void aWakeUpWhileEveryWorkerIsBusyIsNotLost() throws Exception {
        // The outbox relay's case: one worker, woken after each commit while it sends a batch that was not full.
        CountDownLatch release = new CountDownLatch(1);
        when(queue.claim(any(), anyInt(), any())).thenReturn(leases(1), leases(1), List.of());
        List<String> worked = new CopyOnWriteArrayList<>();
        try (WorkLoop<String> loop = new WorkLoop<>("test", queue, b -> {
            release.await();
            worked.add(b.get(0).item());
        }, new WorkLoop.Settings(1, 5, LEASE, NEVER), CLOCK, null)) {
            loop.pass();
            assertThat(loop.pass()).as("the only worker is busy").isZero();
            release.countDown();
            // No tick comes (an hour away): the worker that finishes looks again for the pass that found it busy.
            verify(queue, timeout(5_000).times(2)).claim(CLOCK.instant(), 5, LEASE);
        }
        assertThat(worked).hasSize(2);
    }

    @Test
    void aFailingBatchFreesItsWorkerAndAStoppedLoopClaimsNothing() throws Exception {
        when(queue.claim(any(), anyInt(), any())).thenReturn(leases(1));
        CountDownLatch tried = new CountDownLatch(2);
        try (WorkLoop<String> loop = new WorkLoop<>("test", queue, b -> {
            tried.countDown();
            throw new IllegalStateException("boom");
        }, new WorkLoop.Settings(1, 5, LEASE, NEVER), CLOCK, null)) {
            loop.pass();
            waitIdle(loop);
            loop.pass(); // the failed worker is idle again
            assertThat(tried.await(5, TimeUnit.SECONDS)).isTrue();
            loop.stop();
            assertThat(loop.pass()).isZero();
        }
        verify(queue, org.mockito.Mockito.times(2)).claim(any(), anyInt(), any());
    }

    @Test
    void workRunsAsTheServiceWhenOneIsNamed() throws Exception {
        when(queue.claim(any(), anyInt(), any())).thenReturn(leases(1), List.of());
        List<String> callers = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (WorkLoop<String> loop = new WorkLoop<>("test", queue, b -> {
            callers.add(CallContextHolder.current().map(c -> c.persona() + ":" + c.userId()).orElse("none"));
            done.countDown();
        }, new WorkLoop.Settings(1, 1, LEASE, NEVER), CLOCK, "some-service")) {
            loop.pass();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(callers).containsExactly("SYSTEM:some-service");
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkLoop.Settings(0, 1, LEASE, NEVER))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkLoop.Settings(1, 1, Duration.ZERO, NEVER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void waitIdle(WorkLoop<String> loop) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (loop.idleWorkers() < 1 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }
}
