package com.checkup.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Reminders gathered per lane for a window, sent as one: keys in order, due at the latest, the right context. */
class BatchedRemindersTest {
    private static final Instant T = Instant.parse("2026-12-04T10:15:00Z");

    private final Reminders reminders = mock(Reminders.class);
    /** The context each reminder was sent in, by its key. */
    private final Map<String, CallContext> sentIn = new ConcurrentHashMap<>();

    BatchedRemindersTest() {
        doAnswer(inv -> {
            sentIn.put(inv.getArgument(2), CallContextHolder.currentOrNewRoot());
            return null;
        }).when(reminders).remindAt(any(), any(), any(), any(), any());
    }

    private BatchedReminders batched(Duration window, int maxKeys) {
        return new BatchedReminders(reminders, "timers", "hold-due", keys -> Map.of("ids", keys), window, maxKeys);
    }

    @Test
    void requestsOfOneLaneGoAsOneReminderDueAtTheLatestInANewTraceOfTheirLane() {
        try (BatchedReminders b = batched(Duration.ofSeconds(30), 100)) {
            CallContext first = CallContext.newRoot().withLane("blue");
            CallContext second = CallContext.newRoot().withLane("blue");
            CallContext other = CallContext.newRoot();
            in(first, () -> b.remindAt(List.of("B1", "B2"), T.plusMillis(300)));
            in(other, () -> b.remindAt(List.of("B9"), T));
            in(second, () -> b.remindAt(List.of("B3"), T));
            // Due much later (another hospital's hold time): not made to wait with these, nor these with it.
            in(second, () -> b.remindAt(List.of("B4"), T.plus(Duration.ofHours(2))));
            assertThat(b.pending()).isEqualTo(5);
            verify(reminders, never()).remindAt(any(), any(), any(), any(), any());

            b.flush();
            verify(reminders).remindAt("timers", "hold-due", "B1 B2 B3", Map.of("ids", List.of("B1", "B2", "B3")), T.plusMillis(300));
            verify(reminders).remindAt("timers", "hold-due", "B9", Map.of("ids", List.of("B9")), T);
            verify(reminders).remindAt("timers", "hold-due", "B4", Map.of("ids", List.of("B4")), T.plus(Duration.ofHours(2)));
            assertThat(b.pending()).isZero();
            // Several requests: their lane, a trace of its own. One request: its own context, so its trace goes on.
            assertThat(sentIn.get("B1 B2 B3").lane()).isEqualTo("blue");
            assertThat(sentIn.get("B1 B2 B3").traceId()).isNotIn(first.traceId(), second.traceId());
            assertThat(sentIn.get("B9")).isEqualTo(other);
            assertThat(sentIn.get("B4")).isEqualTo(second);
        }
    }

    @Test
    void insideATransactionKeysAreGatheredOnlyOnceItCommits() {
        try (BatchedReminders b = batched(Duration.ofSeconds(30), 100)) {
            org.springframework.transaction.support.TransactionSynchronizationManager.initSynchronization();
            try {
                b.remindAt(List.of("B1"), T);
                assertThat(b.pending()).isZero();
                org.springframework.transaction.support.TransactionSynchronizationManager.getSynchronizations()
                        .forEach(org.springframework.transaction.support.TransactionSynchronization::afterCommit);
            } finally {
                org.springframework.transaction.support.TransactionSynchronizationManager.clearSynchronization();
            }
            assertThat(b.pending()).isEqualTo(1);
        }
    }

    @Test
    void theWindowEndsByItselfAndAFullReminderGoesAtOnce() {
        try (BatchedReminders b = batched(Duration.ofMillis(20), 3)) {
            b.remindAt(List.of("B1"), T);
            verify(reminders, timeout(5_000)).remindAt(eq("timers"), eq("hold-due"), eq("B1"), any(), eq(T));
        }
        try (BatchedReminders b = batched(Duration.ofSeconds(30), 3)) {
            b.remindAt(List.of("B2", "B3"), T);
            b.remindAt(List.of("B4", "B5"), T);
            // Full at 3 keys: sent by the caller, all four of them, in reminders of at most 3.
            verify(reminders).remindAt(eq("timers"), eq("hold-due"), eq("B2 B3 B4"), any(), eq(T));
            verify(reminders).remindAt(eq("timers"), eq("hold-due"), eq("B5"), any(), eq(T));
        }
    }

    @Test
    void closingSendsWhatIsGatheredAndLaterRequestsGoAtOnce() {
        BatchedReminders b = batched(Duration.ofSeconds(30), 100);
        b.remindAt(List.of("B1"), T);
        b.close();
        verify(reminders).remindAt(eq("timers"), eq("hold-due"), eq("B1"), any(), eq(T));
        b.remindAt(List.of("B2"), T);
        verify(reminders).remindAt(eq("timers"), eq("hold-due"), eq("B2"), any(), eq(T));
        assertThat(b.pending()).isZero();
    }

    @Test
    void aReminderTheBrokerRefusesIsLeftToTheSweep() {
        doAnswer(inv -> {
            throw new IllegalStateException("broker gone");
        }).when(reminders).remindAt(any(), any(), any(), any(), any());
        try (BatchedReminders b = batched(Duration.ofSeconds(30), 100)) {
            b.remindAt(List.of("B1"), T);
            b.flush(); // no exception: the hold is committed, its sweep ends it
            assertThat(b.pending()).isZero();
        }
    }

    private static void in(CallContext context, Runnable r) {
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(context)) {
            r.run();
        }
    }
}
