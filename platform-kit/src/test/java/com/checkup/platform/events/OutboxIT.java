package com.checkup.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.support.EventRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox on a real MariaDB and a real broker. The topic has one queue, so the broker keeps the
 * order in which the relay sent: once a marker event sent later has arrived, any duplicate of an earlier event
 * would have arrived before it.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class OutboxIT {
    private static final String TOPIC = "outbox-it";
    private static JdbcTemplate jdbc;
    private static TransactionTemplate tx;
    private static DefaultMQProducer producer;
    private static EventRecorder recorder;

    @BeforeAll
    static void setUp(TestInfrastructure infra) throws Exception {
        DataSource ds = infra.database("outbox_it");
        jdbc = new JdbcTemplate(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        jdbc.execute("CREATE TABLE IF NOT EXISTS booking_change (id VARCHAR(64) PRIMARY KEY)");
        infra.rocketMq().createTopic(TOPIC, 1);
        producer = new DefaultMQProducer("outbox-it-producer");
        producer.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        producer.setInstanceName("outbox-it");
        producer.start();
        recorder = new EventRecorder(infra.rocketMq().namesrvAddr(), "outbox-it-recorder", TOPIC);
    }

    @AfterAll
    static void tearDown() {
        recorder.close();
        producer.shutdown();
    }

    @BeforeEach
    void noRowLeftPending() {
        jdbc.update("DELETE FROM outbox_event WHERE status = 'PENDING'");
    }

    private OutboxRelay relay() {
        return new OutboxRelay(jdbc, producer, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    /** A state change and its event in one transaction. */
    private static String change(EventPublisher publisher, String id) {
        return tx.execute(s -> {
            jdbc.update("INSERT INTO booking_change (id) VALUES (?)", id);
            return publisher.publish(TOPIC, "booking.changed", id, Map.of("bookingId", id));
        });
    }

    private static void awaitDelivered(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.deliveriesOf(eventId) >= 1);
    }

    /** Sends a marker through the same relay path and waits for it: everything sent before it has arrived. */
    private static void drainThrough(OutboxRelay relay) {
        String marker = change(new OutboxEventPublisher(jdbc, relay), "marker-" + System.nanoTime());
        relay.relayDue();
        awaitDelivered(marker);
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        try (OutboxRelay relay = relay()) {
            relay.start();
            OutboxEventPublisher publisher = new OutboxEventPublisher(jdbc, relay);
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO booking_change (id) VALUES ('rolled-back-1')");
                publisher.publish(TOPIC, "booking.changed", "rolled-back-1", Map.of("bookingId", "rolled-back-1"));
                throw new IllegalStateException("payment failed, undo");
            })).hasMessageContaining("undo");
            drainThrough(relay);

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM booking_change WHERE id = 'rolled-back-1'", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE message_key = 'rolled-back-1'", Integer.class)).isZero();
            assertThat(recorder.anyKeyStartsWith("rolled-back-1")).isFalse();
        }
    }

    @Test
    void aDelayedEventIsHeldByTheBrokerUntilItsTime() {
        try (OutboxRelay relay = relay()) {
            relay.start();
            OutboxEventPublisher publisher = new OutboxEventPublisher(jdbc, relay);
            java.time.Instant due = java.time.Instant.now().plusSeconds(4);
            String eventId = tx.execute(s -> publisher.publishAt(TOPIC, "booking.hold-due", "delayed-1",
                    Map.of("bookingId", "delayed-1"), due));
            // Sent to the broker at once (the delay lives in the broker, not in this process)...
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(
                    jdbc.queryForObject("SELECT status FROM outbox_event WHERE event_id = ?", String.class, eventId)));
            drainThrough(relay);
            // ...but not delivered before its time, then delivered once.
            assertThat(recorder.deliveriesOf(eventId)).isZero();
            awaitDelivered(eventId);
            assertThat(java.time.Instant.now()).isAfterOrEqualTo(due.minusMillis(1000));
            assertThat(recorder.deliveriesOf(eventId)).isEqualTo(1);
        }
    }

    @Test
    void aCommittedChangeIsPublishedExactlyOnce() {
        try (OutboxRelay relay = relay()) {
            relay.start();
            String eventId = change(new OutboxEventPublisher(jdbc, relay), "committed-1");
            awaitDelivered(eventId);
            drainThrough(relay);
            assertThat(recorder.deliveriesOf(eventId)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT status FROM outbox_event WHERE event_id = ?", String.class, eventId))
                    .isEqualTo("SENT");
        }
    }

    @Test
    void aCommittedEventIsSentByItsOwnRelayWithoutAnyRelayClaimingIt() {
        try (OutboxRelay relay = relay(); OutboxRelay other = relay()) {
            // Neither relay polls: the row can only go out the way it was handed over after the commit.
            OutboxEventPublisher publisher = new OutboxEventPublisher(jdbc, relay);
            String eventId = tx.execute(s -> {
                jdbc.update("INSERT INTO booking_change (id) VALUES ('direct-1')");
                String id = publisher.publish(TOPIC, "booking.changed", "direct-1", Map.of("bookingId", "direct-1"));
                // Written already claimed by the relay, so no pass (here or in another instance) takes it meanwhile.
                assertThat(jdbc.queryForObject("SELECT claim_token IS NOT NULL AND next_attempt_at > NOW(3) FROM outbox_event"
                        + " WHERE event_id = ?", Boolean.class, id)).isTrue();
                return id;
            });
            assertThat(other.relayDue()).isZero();
            awaitDelivered(eventId);
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(
                    jdbc.queryForObject("SELECT status FROM outbox_event WHERE event_id = ?", String.class, eventId)));
            assertThat(jdbc.queryForObject("SELECT attempts FROM outbox_event WHERE event_id = ?", Integer.class, eventId))
                    .isEqualTo(1);
            drainThrough(relay);
            assertThat(recorder.deliveriesOf(eventId)).isEqualTo(1);
        }
    }

    @Test
    void anEventCommittedAfterItsRelayClosedIsLeftDueForTheNextRelay() {
        OutboxRelay gone = new OutboxRelay(jdbc, producer, Duration.ofMillis(200), Duration.ofSeconds(30));
        gone.close(); // a graceful stop: work still committing finds no sender
        String eventId = change(new OutboxEventPublisher(jdbc, gone), "after-close-1");
        try (OutboxRelay restarted = relay()) {
            assertThat(restarted.relayDue()).as("released at once, not after the closed relay's lease").isEqualTo(1);
            awaitDelivered(eventId);
            drainThrough(restarted);
        }
        assertThat(recorder.deliveriesOf(eventId)).isEqualTo(1);
    }

    @Test
    void anEventWhoseProcessDiedBeforeSendingItIsSentOnceItsClaimLapses() {
        // What a publisher leaves when its process dies between commit and send: the row under its relay's claim.
        String eventId = change(new OutboxEventPublisher(jdbc, null), "orphan-1");
        jdbc.update("UPDATE outbox_event SET claim_token = 'dead-relay', next_attempt_at = TIMESTAMPADD(SECOND, 2, NOW(3))"
                + " WHERE event_id = ?", eventId);
        try (OutboxRelay restarted = relay()) {
            assertThat(restarted.relayDue()).as("still under the dead relay's claim").isZero();
            restarted.start();
            awaitDelivered(eventId);
            drainThrough(restarted);
        }
        assertThat(recorder.deliveriesOf(eventId)).isEqualTo(1);
    }

    @Test
    void anEventClaimedByThisInstanceBeforeItsProcessDiedIsSentAtOnceByItsNextProcessNotAnotherInstancesClaim() {
        String instance = "booking-service@127.0.0.1:20880/8080";
        // What the killed process left: a row under its relay's claim (a minute's lease); one under another instance's,
        // which may still be sending it. (Neither relay is started: they only make the tokens.)
        OutboxRelay dead = new OutboxRelay(jdbc, producer, Duration.ofMillis(200), Duration.ofSeconds(60), instance);
        OutboxRelay other = new OutboxRelay(jdbc, producer, Duration.ofMillis(200), Duration.ofSeconds(60),
                "booking-service@127.0.0.2:20880/8080");
        String mine = change(new OutboxEventPublisher(jdbc, null), "restart-mine-1");
        String theirs = change(new OutboxEventPublisher(jdbc, null), "restart-theirs-1");
        String inFlight = change(new OutboxEventPublisher(jdbc, null), "restart-in-flight-1");
        claim(mine, dead.directToken());
        claim(theirs, other.directToken());
        assertThat(dead.directToken()).hasSize(36);
        assertThat(dead.directToken().substring(0, 12)).isNotEqualTo(other.directToken().substring(0, 12));
        try (OutboxRelay restarted = new OutboxRelay(jdbc, producer, Duration.ofMillis(200), Duration.ofSeconds(60), instance)) {
            restarted.start();
            // The new process's own claim (an event committed before it was ready): kept.
            claim(inFlight, restarted.directToken());
            assertThat(restarted.relayDue()).as("all claimed until the new process is ready").isZero();
            assertThat(restarted.takeBackClaimsOfEarlierProcesses()).isEqualTo(1);
            awaitDelivered(mine); // at most 30 s: well before the dead claim's minute
            drainThrough(restarted);
            assertThat(restarted.relayDue()).as("another instance's claim is left to lapse, and this process's own").isZero();
            // Not to be sent by later tests' relays (closing releases this relay's own claims).
            jdbc.update("UPDATE outbox_event SET status = 'SENT' WHERE event_id IN (?, ?)", theirs, inFlight);
        }
        assertThat(recorder.deliveriesOf(mine)).isEqualTo(1);
        assertThat(recorder.deliveriesOf(theirs)).isZero();
        assertThat(recorder.deliveriesOf(inFlight)).isZero();
    }

    private static void claim(String eventId, String token) {
        jdbc.update("UPDATE outbox_event SET claim_token = ?, next_attempt_at = TIMESTAMPADD(SECOND, 60, NOW(3))"
                + " WHERE event_id = ?", token, eventId);
    }

    @Test
    void aRefusedSendLeavesItAndTheEventsBehindItToThePollWhichSendsEachOnce() {
        // Never started: every send fails at once, as with the broker down.
        DefaultMQProducer down = new DefaultMQProducer("outbox-it-down");
        down.setNamesrvAddr(producer.getNamesrvAddr());
        OutboxRelay failing = new OutboxRelay(jdbc, down, Duration.ofMillis(200), Duration.ofSeconds(30));
        List<String> ids;
        try {
            OutboxEventPublisher publisher = new OutboxEventPublisher(jdbc, failing);
            ids = tx.execute(s -> {
                jdbc.update("INSERT INTO booking_change (id) VALUES ('refused')");
                List<String> out = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    out.add(publisher.publish(TOPIC, "booking.changed", "refused-" + i, Map.of("bookingId", "refused-" + i)));
                }
                return out;
            });
            // Released, not left under the claim for its lease: the first with its failed attempt, the others untried.
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event"
                    + " WHERE message_key LIKE 'refused-%' AND claim_token IS NULL", Integer.class) == 3);
            assertThat(jdbc.queryForList("SELECT attempts FROM outbox_event WHERE message_key LIKE 'refused-%' ORDER BY id",
                    Integer.class)).containsExactly(1, 0, 0);
        } finally {
            failing.close();
        }
        try (OutboxRelay up = relay()) {
            up.start();
            ids.forEach(OutboxIT::awaitDelivered);
            drainThrough(up);
        }
        assertThat(ids).allSatisfy(id -> assertThat(recorder.deliveriesOf(id)).isEqualTo(1));
    }

    @Test
    void anEventCommittedByAProcessThatDiedBeforePublishingIsSentOnceLater() {
        // No relay: the process "crashed" right after commit, before anything was sent.
        String eventId = change(new OutboxEventPublisher(jdbc, null), "crashed-1");
        assertThat(jdbc.queryForObject("SELECT status FROM outbox_event WHERE event_id = ?", String.class, eventId))
                .isEqualTo("PENDING");
        assertThat(recorder.deliveriesOf(eventId)).isZero();

        // The restarted process (or another instance) runs its relay.
        try (OutboxRelay restarted = relay()) {
            restarted.start();
            awaitDelivered(eventId);
            drainThrough(restarted);
        }
        assertThat(recorder.deliveriesOf(eventId)).isEqualTo(1);
    }

    @Test
    void twoRelaysRacingOverTheSameRowsSendEachOnce() {
        OutboxEventPublisher noRelay = new OutboxEventPublisher(jdbc, null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(change(noRelay, "race-" + i));
        }
        AtomicInteger sent = new AtomicInteger();
        try (OutboxRelay a = relay(); OutboxRelay b = relay()) {
            CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> sent.addAndGet(a.relayDue()));
            CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> sent.addAndGet(b.relayDue()));
            CompletableFuture.allOf(fa, fb).join();
            assertThat(sent.get()).isEqualTo(40);
            drainThrough(a);
        }
        assertThat(ids).allSatisfy(id -> assertThat(recorder.deliveriesOf(id)).isEqualTo(1));
    }

    @Test
    void aBatchIsWrittenWithItsChangeAndEachEventSentOnceWithItsKey() {
        try (OutboxRelay relay = relay()) {
            relay.start();
            OutboxEventPublisher publisher = new OutboxEventPublisher(jdbc, relay);
            List<EventPublisher.Outgoing> batch = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                batch.add(new EventPublisher.Outgoing("batch-" + i, Map.of("bookingId", "batch-" + i)));
            }
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                publisher.publishAll(TOPIC, "booking.changed", batch.subList(0, 3));
                throw new IllegalStateException("undo the batch");
            })).hasMessageContaining("undo");
            List<String> ids = tx.execute(s -> {
                jdbc.update("INSERT INTO booking_change (id) VALUES ('batch')");
                return publisher.publishAll(TOPIC, "booking.changed", batch);
            });
            assertThat(ids).hasSize(25).doesNotHaveDuplicates();
            ids.forEach(OutboxIT::awaitDelivered);
            drainThrough(relay);
            assertThat(ids).allSatisfy(id -> assertThat(recorder.deliveriesOf(id)).isEqualTo(1));
            for (int i = 0; i < 25; i++) {
                assertThat(jdbc.queryForObject("SELECT message_key FROM outbox_event WHERE event_id = ?", String.class, ids.get(i)))
                        .isEqualTo("batch-" + i);
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE message_key LIKE 'batch-%'", Integer.class))
                    .isEqualTo(25);
        }
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        OutboxEventPublisher publisher = new OutboxEventPublisher(jdbc, null);
        assertThatThrownBy(() -> publisher.publish(TOPIC, "booking.changed", "x", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }
}
