package com.checkup.message.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.message.InboxNotice;
import com.checkup.contracts.message.InboxPage;
import com.checkup.message.domain.InboxCursor;
import com.checkup.message.domain.InboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poll and its waiting, around a mocked store, a hand-driven timer and a same-thread executor. */
class InboxTest {
    private static final String U = "consumer1";
    private InboxStore store;
    private FakeTimer timer;
    private InboxWaiters waiters;
    private Inbox inbox;

    @BeforeEach
    void setUp() {
        store = mock(InboxStore.class);
        when(store.after(anyString(), anyLong(), anyInt())).thenReturn(List.of());
        when(store.latest(anyString(), anyInt())).thenReturn(List.of());
        timer = new FakeTimer();
        waiters = new InboxWaiters(store, timer, Runnable::run, 3, 10);
        inbox = new Inbox(store, waiters, Runnable::run);
    }

    @Test
    void withoutACursorTheLatestTwentyAndTheirCursorComeAtOnce() {
        when(store.latest(U, 20)).thenReturn(entries(U, 31, 50));
        InboxPage page = inbox.poll(U, null, 25).join();
        assertThat(page.getItems()).extracting(InboxNotice::getId).containsExactlyElementsOf(ids(31, 50));
        assertThat(InboxCursor.decode(page.getCursor(), U)).isEqualTo(50);
        assertThat(page.getItems().get(0).getCreatedAt()).isEqualTo("2026-12-01T08:00:31Z");

        InboxPage none = inbox.poll("consumer2", " ", 25).join();
        assertThat(none.getItems()).isEmpty();
        assertThat(InboxCursor.decode(none.getCursor(), "consumer2")).as("a fresh user's cursor: before the first").isZero();
        assertThat(waiters.held()).as("a fresh start never waits").isZero();
    }

    @Test
    void somethingNewerIsAnsweredAtOnceWithoutWaiting() {
        when(store.lastSeq(U)).thenReturn(6L);
        when(store.after(U, 4, 50)).thenReturn(entries(U, 5, 6));
        CompletableFuture<InboxPage> f = inbox.poll(U, InboxCursor.encode(U, 4), 25);
        assertThat(f).isDone();
        assertThat(f.join().getItems()).extracting(InboxNotice::getId).containsExactly("N-5", "N-6");
        assertThat(InboxCursor.decode(f.join().getCursor(), U)).isEqualTo(6);
        assertThat(waiters.held()).isZero();
        assertThat(timer.live()).as("the timer entry went with the answer").isZero();
    }

    @Test
    void nothingNewerWithoutAWaitIsTheSameCursorAtOnce() {
        when(store.lastSeq(U)).thenReturn(4L);
        String c = InboxCursor.encode(U, 4);
        for (Integer wait : new Integer[] {null, 0}) {
            InboxPage page = inbox.poll(U, c, wait).join();
            assertThat(page.getItems()).isEmpty();
            assertThat(page.getCursor()).isEqualTo(c);
        }
        assertThat(waiters.held()).isZero();
        verify(store, never()).after(anyString(), anyLong(), anyInt()); // the user's last number said it all
    }

    @Test
    void aHeldPollIsAnsweredWhenANoticeOfItsUserIsCommitted() {
        when(store.lastSeq(U)).thenReturn(4L);
        CompletableFuture<InboxPage> f = inbox.poll(U, InboxCursor.encode(U, 4), 25);
        assertThat(f).isNotDone();
        assertThat(waiters.held()).isEqualTo(1);
        assertThat(timer.delays).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(23_000), Duration.ofSeconds(25)));

        waiters.wake("consumer2");
        waiters.wakeNewer(Map.of(U, 4L));
        assertThat(f).as("another user's notice, or no newer number, answers nothing").isNotDone();

        when(store.after(U, 4, 50)).thenReturn(entries(U, 5, 5));
        waiters.wake(U);
        assertThat(f).isDone();
        assertThat(f.join().getItems()).extracting(InboxNotice::getId).containsExactly("N-5");
        assertThat(InboxCursor.decode(f.join().getCursor(), U)).isEqualTo(5);
        assertThat(waiters.held()).isZero();
        assertThat(timer.live()).isZero();
        timer.fireAll();
        assertThat(f.join().getItems()).as("answered once").hasSize(1);
    }

    @Test
    void anotherInstancesNoticeIsFoundByThePeriodicLook() {
        when(store.lastSeq(U)).thenReturn(4L);
        CompletableFuture<InboxPage> f = inbox.poll(U, InboxCursor.encode(U, 4), 10);
        when(store.after(U, 4, 50)).thenReturn(entries(U, 5, 5));
        waiters.wakeNewer(Map.of("consumer2", 9L, U, 5L));
        assertThat(f.join().getItems()).extracting(InboxNotice::getId).containsExactly("N-5");
    }

    @Test
    void aWaitThatEndsAnswersNothingWithTheSameCursor() {
        when(store.lastSeq(U)).thenReturn(4L);
        String c = InboxCursor.encode(U, 4);
        CompletableFuture<InboxPage> f = inbox.poll(U, c, 3);
        assertThat(timer.delays).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(2700), Duration.ofSeconds(3)));
        timer.fireAll();
        assertThat(f.join().getItems()).isEmpty();
        assertThat(f.join().getCursor()).isEqualTo(c);
        assertThat(waiters.held()).isZero();
    }

    @Test
    void aNoticeCommittedWhileThePollRegistersIsReadNotMissed() {
        // The store is looked at after the poll is registered: what it finds answers the poll at once.
        when(store.lastSeq(U)).thenReturn(5L);
        when(store.after(U, 4, 50)).thenReturn(entries(U, 5, 5));
        CompletableFuture<InboxPage> f = inbox.poll(U, InboxCursor.encode(U, 4), 25);
        assertThat(f.join().getItems()).hasSize(1);
        assertThat(waiters.held()).isZero();
        assertThat(timer.live()).isZero();
    }

    @Test
    void aCursorNotGivenOutIsRefusedNamingAfterAndHoldsNothing() {
        when(store.lastSeq(U)).thenReturn(4L);
        for (Integer wait : new Integer[] {0, 25}) {
            // above the user's last number: known from the database, so the answer fails
            CompletableFuture<InboxPage> ahead = inbox.poll(U, InboxCursor.encode(U, 5), wait);
            assertThat(ahead).isCompletedExceptionally();
            assertValidation(() -> ahead.join(), "after");
            assertValidation(() -> inbox.poll(U, InboxCursor.encode("consumer2", 1), wait), "after");
            assertValidation(() -> inbox.poll(U, "garbage", wait), "after");
        }
        assertThat(waiters.held()).isZero();
        assertThat(timer.live()).isZero();
    }

    @Test
    void waitIsZeroToTwentyFiveSeconds() {
        for (int bad : new int[] {-1, 26, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertValidation(() -> inbox.poll(U, null, bad), "wait");
            assertValidation(() -> inbox.poll(U, InboxCursor.encode(U, 0), bad), "wait");
        }
        CompletableFuture<InboxPage> f = inbox.poll(U, InboxCursor.encode(U, 0), 25);
        assertThat(f).isNotDone();
        timer.fireAll();
        assertThat(f).isDone();
    }

    @Test
    void aUsersPollsAreBoundedTheOldestAnsweredFirst() {
        String c = InboxCursor.encode(U, 0);
        List<CompletableFuture<InboxPage>> polls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            polls.add(inbox.poll(U, c, 25));
        }
        assertThat(polls.get(0)).as("most likely abandoned by a dropped connection").isDone();
        assertThat(polls.get(0).join().getItems()).isEmpty();
        assertThat(polls.subList(1, 4)).noneMatch(CompletableFuture::isDone);
        assertThat(waiters.held()).isEqualTo(3);
    }

    @Test
    void allPollsTogetherAreBounded() {
        for (int i = 0; i < 10; i++) {
            inbox.poll("u" + i, InboxCursor.encode("u" + i, 0), 25);
        }
        assertThatThrownBy(() -> inbox.poll("u10", InboxCursor.encode("u10", 0), 25))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getCode()).isEqualTo("TOO_MANY_REQUESTS"));
        assertThat(waiters.held()).isEqualTo(10);
        timer.fireAll();
        assertThat(waiters.held()).isZero();
    }

    @Test
    void aFailedReReadKeepsThePollWaiting() {
        CompletableFuture<InboxPage> f = inbox.poll(U, InboxCursor.encode(U, 0), 25);
        when(store.after(U, 0, 50)).thenThrow(new IllegalStateException("database gone"));
        waiters.wake(U);
        assertThat(f).isNotDone();
        timer.fireAll();
        assertThat(f.join().getItems()).isEmpty();
    }

    @Test
    void stoppingAnswersEveryWaitingPollAndWaitsNoMore() {
        CompletableFuture<InboxPage> a = inbox.poll(U, InboxCursor.encode(U, 0), 25);
        CompletableFuture<InboxPage> b = inbox.poll("consumer2", InboxCursor.encode("consumer2", 0), 25);
        waiters.close();
        assertThat(a.join().getItems()).isEmpty();
        assertThat(b.join().getItems()).isEmpty();
        assertThat(inbox.poll(U, InboxCursor.encode(U, 0), 25)).as("answered at once").isDone();
        assertThat(waiters.held()).isZero();
    }

    @Test
    void aFailedFirstLookFailsThePollAndHoldsNothing() {
        when(store.lastSeq(U)).thenThrow(new IllegalStateException("database gone"));
        CompletableFuture<InboxPage> f = inbox.poll(U, InboxCursor.encode(U, 0), 25);
        assertThat(f).isCompletedExceptionally();
        assertThat(waiters.held()).isZero();
        assertThat(timer.live()).isZero();
    }

    @Test
    void readersSaturatedIsTooManyRequestsNotAThreadHeld() {
        Inbox busy = new Inbox(store, waiters, r -> {
            throw new java.util.concurrent.RejectedExecutionException("queue full");
        });
        assertThatThrownBy(() -> busy.poll(U, null, 0)).isInstanceOfSatisfying(BusinessException.class,
                e -> assertThat(e.getCode()).isEqualTo("TOO_MANY_REQUESTS"));
        CompletableFuture<InboxPage> held = busy.poll(U, InboxCursor.encode(U, 0), 25);
        assertThatThrownBy(held::join).hasCauseInstanceOf(BusinessException.class);
        assertThat(waiters.held()).isZero();
    }

    @Test
    void waitsEndUpToATenthEarlyAtRandomNeverLater() {
        for (int i = 0; i < 1000; i++) {
            assertThat(Inbox.jittered(25)).isBetween(Duration.ofMillis(23_000), Duration.ofSeconds(25));
            assertThat(Inbox.jittered(1)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(1));
            assertThat(Inbox.jittered(0)).isZero();
        }
    }

    /** A parameter error: thrown at once, or (known only from the store) the answer failing. */
    private static void assertValidation(Runnable call, String field) {
        assertThatThrownBy(call::run).satisfies(t -> {
            Throwable e = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
            assertThat(e).isInstanceOfSatisfying(BusinessException.class, b -> {
                assertThat(b.getCode()).isEqualTo("VALIDATION_FAILED");
                assertThat(b.getMessage()).startsWith(field + " ");
            });
        });
    }

    static List<InboxEntry> entries(String user, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> new InboxEntry("N-" + i, user, i, InboxNotice.BOOKING_CONFIRMED,
                "B-" + i, "H001", Map.of("examDate", "2026-12-0" + (i % 9 + 1)),
                Instant.parse("2026-12-01T08:00:00Z").plusSeconds(i))).toList();
    }

    static List<String> ids(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> "N-" + i).toList();
    }

    /** Timer entries run when the test says so. */
    static final class FakeTimer implements InboxWaiters.Timer {
        final List<Duration> delays = new ArrayList<>();
        private final List<Runnable> tasks = new ArrayList<>();
        private final List<boolean[]> cancelled = new ArrayList<>();

        @Override
        public synchronized Runnable schedule(Duration delay, Runnable task) {
            boolean[] c = new boolean[1];
            delays.add(delay);
            tasks.add(task);
            cancelled.add(c);
            return () -> c[0] = true;
        }

        synchronized long live() {
            return cancelled.stream().filter(c -> !c[0]).count();
        }

        void fireAll() {
            List<Runnable> due = new ArrayList<>();
            synchronized (this) {
                for (int i = 0; i < tasks.size(); i++) {
                    if (!cancelled.get(i)[0]) {
                        cancelled.get(i)[0] = true;
                        due.add(tasks.get(i));
                    }
                }
            }
            due.forEach(Runnable::run);
        }
    }
}
