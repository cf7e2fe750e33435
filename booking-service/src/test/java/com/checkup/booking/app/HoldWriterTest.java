package com.checkup.booking.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Gender;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.HoldWrites;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.order.OrderService;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.events.BatchedReminders;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The orders and reminders of a combined write: after its commit, one order call per lane, each hold its own answer. */
class HoldWriterTest {
    private static final Slot SLOT = new Slot("H001", UseCaseFixtures.DAY, Period.MORNING);

    private static final HoldWrites.Attempt TAKEN = new HoldWrites.Attempt(true, Map.of());

    private final HoldWrites writes = mock(HoldWrites.class);
    private final BatchedReminders reminders = mock(BatchedReminders.class);
    private final HoldOrders orders = mock(HoldOrders.class);
    private final HoldWriter writer = new HoldWriter(writes, reminders, orders, 32);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aBatchsOrdersAreCreatedOncePerLaneInThatLaneAndAFailedOrderFailsOnlyItsHold() throws Exception {
        Booking first = hold("B1", "c1");
        Booking a1 = hold("B2", "c2");
        Booking a2 = hold("B3", "c3");
        Booking b1 = hold("B4", "c4");
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writesBlockingOn(first, firstWriting, release, (trying, commit) -> TAKEN);
        Map<String, List<String>> orderCalls = new ConcurrentHashMap<>();
        Map<String, Integer> writtenBeforeCall = new ConcurrentHashMap<>();
        AtomicInteger written = new AtomicInteger();
        when(orders.createAll(anyList())).thenAnswer(inv -> {
            List<Booking> held = inv.getArgument(0);
            String lane = CallContextHolder.current().map(CallContext::lane).orElse("baseline");
            orderCalls.put(lane == null ? "baseline" : lane, held.stream().map(Booking::id).toList());
            writtenBeforeCall.put(lane == null ? "baseline" : lane, written.get());
            return held.contains(a2) ? Map.of(a2.id(), new BusinessException(ErrorCode.UNAVAILABLE, "not now")) : Map.of();
        });

        CompletableFuture<HoldWriter.Outcome> lone = submit(first, null, written);
        assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
        // The three wait behind the first write, in this order, and become the next batch.
        CompletableFuture<HoldWriter.Outcome> inA1 = submit(a1, "a", written);
        awaitQueued(1);
        CompletableFuture<HoldWriter.Outcome> inA2 = submit(a2, "a", written);
        awaitQueued(2);
        CompletableFuture<HoldWriter.Outcome> inB = submit(b1, "b", written);
        awaitQueued(3);
        release.countDown();

        assertThat(lone.get(10, TimeUnit.SECONDS)).isEqualTo(HoldWriter.Outcome.HELD);
        assertThat(inA1.get(10, TimeUnit.SECONDS)).isEqualTo(HoldWriter.Outcome.HELD);
        assertThat(inB.get(10, TimeUnit.SECONDS)).isEqualTo(HoldWriter.Outcome.HELD);
        assertThatThrownBy(() -> inA2.join()).hasCauseInstanceOf(BusinessException.class);
        verify(writes).write(eq(List.of(a1, a2, b1)), any(), any()); // one transaction for the three
        assertThat(orderCalls).containsOnly(Map.entry("baseline", List.of("B1")), Map.entry("a", List.of("B2", "B3")),
                Map.entry("b", List.of("B4")));
        // One expiry reminder asked for per lane of a batch, for all its holds, due when the last ends.
        verify(reminders, times(3)).remindAt(anyList(), any());
        verify(reminders).remindAt(List.of("B2", "B3"), a2.holdExpiresAt());
        verify(reminders).remindAt(List.of("B4"), b1.holdExpiresAt());
        assertThat(written).hasValue(4);
        // Each consumer is freed once its hold is committed, before the order call: a slow order-service does not hold
        // up other consumers sharing a lock stripe.
        // (The first batch's order call may come before or after the next batch is written: 1 or 4.)
        assertThat(writtenBeforeCall.get("baseline")).isIn(1, 4);
        assertThat(writtenBeforeCall).containsEntry("a", 4).containsEntry("b", 4);
    }

    @Test
    void aRefusedHoldGetsNoOrderAndNoReminderAndAFailingReminderDoesNotFailTheHold() {
        Booking full = hold("B5", "c5");
        when(writes.write(eq(List.of(full)), any(), any())).thenReturn(new HoldWrites.Attempt(false, Map.of("c5", 1)));
        assertThat(writer.write(full, 2, () -> { })).isEqualTo(HoldWriter.Outcome.SOLD_OUT);

        // The count includes the hold being written: 3 with a cap of 2 is one too many (and decides before sold out).
        Booking capped = hold("B6", "c6");
        when(writes.write(eq(List.of(capped)), any(), any())).thenReturn(new HoldWrites.Attempt(false, Map.of("c6", 3)));
        assertThat(writer.write(capped, 2, () -> { })).isEqualTo(HoldWriter.Outcome.TOO_MANY_HOLDS);
        verify(orders, never()).createAll(anyList());
        verify(reminders, never()).remindAt(anyList(), any());

        Booking fine = hold("B7", "c7");
        when(writes.write(eq(List.of(fine)), any(), any())).thenReturn(new HoldWrites.Attempt(true, Map.of("c7", 2)));
        when(orders.createAll(anyList())).thenReturn(Map.of());
        doAnswer(inv -> {
            throw new IllegalStateException("broker gone");
        }).when(reminders).remindAt(anyList(), any());
        assertThat(writer.write(fine, 2, () -> { })).isEqualTo(HoldWriter.Outcome.HELD);
        verify(orders).createAll(List.of(fine));
    }

    @Test
    void aBatchLeavesOutAConsumerAtTheCapAndWritesTheOthersTogether() throws Exception {
        Booking first = hold("B8", "c8");
        Booking capped = hold("B9", "c9");
        Booking fine1 = hold("B10", "c10");
        Booking fine2 = hold("B11", "c11");
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writesBlockingOn(first, firstWriting, release, (trying, commit) -> {
            HoldWrites.Attempt found = new HoldWrites.Attempt(true, trying.contains(capped) ? Map.of("c9", 3, "c10", 1) : Map.of("c10", 1));
            // What the writer accepts is what it commits: not the batch with c9 over its cap, the batch without it.
            assertThat(commit.test(found)).isEqualTo(!trying.contains(capped));
            return found;
        });
        when(orders.createAll(anyList())).thenReturn(Map.of());
        AtomicInteger written = new AtomicInteger();

        CompletableFuture<HoldWriter.Outcome> lone = submit(first, null, written);
        assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HoldWriter.Outcome> inCapped = submit(capped, null, written);
        awaitQueued(1);
        CompletableFuture<HoldWriter.Outcome> in1 = submit(fine1, null, written);
        awaitQueued(2);
        CompletableFuture<HoldWriter.Outcome> in2 = submit(fine2, null, written);
        awaitQueued(3);
        release.countDown();

        assertThat(lone.get(10, TimeUnit.SECONDS)).isEqualTo(HoldWriter.Outcome.HELD);
        assertThat(inCapped.get(10, TimeUnit.SECONDS)).isEqualTo(HoldWriter.Outcome.TOO_MANY_HOLDS);
        assertThat(in1.get(10, TimeUnit.SECONDS)).isEqualTo(HoldWriter.Outcome.HELD);
        assertThat(in2.get(10, TimeUnit.SECONDS)).isEqualTo(HoldWriter.Outcome.HELD);
        verify(writes).write(eq(List.of(capped, fine1, fine2)), any(), any());
        verify(writes).write(eq(List.of(fine1, fine2)), any(), any());
        verify(orders, never()).createAll(List.of(capped, fine1, fine2));
        verify(orders).createAll(List.of(fine1, fine2));
        assertThat(writer.stats()).isEqualTo(new HoldWriter.Stats(2, 3, 2));
    }

    /**
     * Writes answer {@code found}; the write of {@code first} alone waits for {@code release}, so what is submitted
     * meanwhile queues up behind it and forms the next batch.
     */
    private void writesBlockingOn(Booking first, CountDownLatch writing, CountDownLatch release,
                                  BiFunction<List<Booking>, Predicate<HoldWrites.Attempt>, HoldWrites.Attempt> found) {
        when(writes.write(anyList(), any(), any())).thenAnswer(inv -> {
            List<Booking> trying = inv.getArgument(0);
            if (trying.equals(List.of(first))) {
                writing.countDown();
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            }
            return found.apply(trying, inv.getArgument(2));
        });
    }

    private void awaitQueued(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.queued(SLOT) < n) {
            assertThat(System.nanoTime()).as("%d holds queued behind the first", n).isLessThan(deadline);
            Thread.yield();
        }
    }

    private CompletableFuture<HoldWriter.Outcome> submit(Booking b, String lane, AtomicInteger written) {
        CallContext context = CallContext.newRoot().withLane(lane);
        return CompletableFuture.supplyAsync(() -> {
            try (CallContextHolder.Scope ignored = CallContextHolder.bind(context)) {
                return writer.write(b, 2, written::incrementAndGet);
            }
        }, pool);
    }

    private static Booking hold(String id, String consumer) {
        Booking b = Booking.hold(id, consumer, "key-" + id, "fp", UseCaseFixtures.CT, SLOT,
                new Examinee("A", Gender.MALE, LocalDate.of(1990, 3, 7), "110105199003071234", "13812345678"),
                UseCaseFixtures.NOW.plus(Duration.ofMinutes(15)), UseCaseFixtures.NOW);
        b.attachOrder(OrderService.orderIdOf(id));
        return b;
    }
}
