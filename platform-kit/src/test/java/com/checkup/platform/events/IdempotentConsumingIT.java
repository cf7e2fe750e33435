package com.checkup.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Duplicate, concurrent and failed deliveries against a real broker and database: each event is handled once. */
@ExtendWith(EmbeddedInfraExtension.class)
class IdempotentConsumingIT {
    private static final String TOPIC = "idempotent-it";
    private static JdbcTemplate jdbc;
    private static ProcessedEvents processed;
    private static DefaultMQProducer producer;
    private static LaneAwareConsumer consumer;
    private static final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> failuresToInject = new ConcurrentHashMap<>();
    private static final List<String> tracesSeen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp(TestInfrastructure infra) throws Exception {
        DataSource ds = infra.database("idempotent_it");
        jdbc = new JdbcTemplate(ds);
        jdbc.execute("CREATE TABLE IF NOT EXISTS side_effect (event_id VARCHAR(64) NOT NULL)");
        processed = new ProcessedEvents(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)));
        infra.rocketMq().createTopic(TOPIC);
        producer = new DefaultMQProducer("idempotent-it-producer");
        producer.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        producer.setInstanceName("idempotent-it");
        producer.start();
        consumer = LaneAwareConsumer.builder(infra.rocketMq().namesrvAddr(), "idempotent-it", TOPIC)
                .clientInterval(Duration.ofSeconds(1))
                .processedEvents(processed)
                .handler(e -> {
                    AtomicInteger fail = failuresToInject.get(e.eventId());
                    if (fail != null && fail.getAndDecrement() > 0) {
                        throw new IllegalStateException("provider down");
                    }
                    jdbc.update("INSERT INTO side_effect (event_id) VALUES (?)", e.eventId());
                    tracesSeen.add(e.context().traceId());
                    handled.computeIfAbsent(e.eventId(), k -> new AtomicInteger()).incrementAndGet();
                })
                .build().start();
    }

    @AfterAll
    static void tearDown() {
        consumer.close();
        producer.shutdown();
    }

    private static void send(String eventId, String traceId) throws Exception {
        Message m = new Message(TOPIC, "booking.confirmed", "{}".getBytes(StandardCharsets.UTF_8));
        EventHeaders.stamp(m, EventHeaders.of(new CallContext(traceId, null, null, null, null), eventId, "booking.confirmed"));
        producer.send(m);
    }

    private static int sideEffects(String eventId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM side_effect WHERE event_id = ?", Integer.class, eventId);
    }

    @Test
    void aNewGroupGetsWhatWasPublishedBeforeItFirstStarted(TestInfrastructure infra) throws Exception {
        String early = UUID.randomUUID().toString();
        send(early, "trace-early");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (LaneAwareConsumer late = LaneAwareConsumer.builder(infra.rocketMq().namesrvAddr(), "idempotent-it-late", TOPIC)
                .clientInterval(Duration.ofSeconds(1))
                .processedEvents(processed)
                .handler(e -> seen.add(e.eventId()))
                .build().start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(early));
        }
    }

    @Test
    void anEventDeliveredThreeTimesIsHandledOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            send(id, "trace-dup");
        }
        send(after, "trace-after");
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.containsKey(id) && handled.containsKey(after)
                && processed.isProcessed("idempotent-it", id));
        // Every copy has been delivered once the processed row exists and the consumer has caught up on the topic.
        await().atMost(Duration.ofSeconds(30)).until(() -> consumerCaughtUp());
        assertThat(handled.get(id).get()).isEqualTo(1);
        assertThat(sideEffects(id)).isEqualTo(1);
        assertThat(tracesSeen).contains("trace-dup");
    }

    @Test
    void aFailedHandlerLeavesNoTraceAndTheRedeliveryIsHandledOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        failuresToInject.put(id, new AtomicInteger(1));
        send(id, "trace-retry");
        // The first delivery fails (rolled back with its processed row); RocketMQ redelivers it later.
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsKey(id));
        assertThat(handled.get(id).get()).isEqualTo(1);
        assertThat(sideEffects(id)).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneEventRunTheHandlerOnce() throws Exception {
        ReceivedEvent event = new ReceivedEvent(UUID.randomUUID().toString(), "booking.confirmed", TOPIC,
                CallContext.newRoot(), "{}");
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<ProcessedEvents.Outcome> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> {
                start.await();
                outcomes.add(processed.process("concurrent-it", event, e -> runs.incrementAndGet()));
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(outcomes).hasSize(8).containsOnlyOnce(ProcessedEvents.Outcome.PROCESSED);
    }

    private static boolean consumerCaughtUp() throws Exception {
        // Consumer offsets of the group equal the queue max offsets: nothing left to deliver.
        var stats = consumer.backlog(TOPIC);
        return stats == 0;
    }
}
