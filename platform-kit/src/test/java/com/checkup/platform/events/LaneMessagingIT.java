package com.checkup.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * Lane-aware consuming on a real broker with SQL92 filters: the baseline handles untagged messages and messages of
 * lanes without a consumer; a gray consumer takes gray messages while it runs; when it goes away the baseline takes
 * over again, including what was published while it was leaving. Every message is handled exactly once.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class LaneMessagingIT {
    private static final String TOPIC = "lane-it";
    private static final String GROUP = "lane-it";
    private static String namesrv;
    private static DefaultMQProducer producer;
    private static ProcessedEvents processed;
    /** event id → labels of the consumers whose handler ran for it. */
    private static final Map<String, List<String>> handledBy = new ConcurrentHashMap<>();

    @BeforeAll
    static void setUp(TestInfrastructure infra) throws Exception {
        namesrv = infra.rocketMq().namesrvAddr();
        DataSource ds = infra.database("lane_it");
        processed = new ProcessedEvents(new JdbcTemplate(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)));
        infra.rocketMq().createTopic(TOPIC);
        producer = new DefaultMQProducer("lane-it-producer");
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("lane-it");
        producer.start();
    }

    @AfterAll
    static void tearDown() {
        producer.shutdown();
    }

    private static LaneAwareConsumer consumer(String lane, String label) throws Exception {
        return LaneAwareConsumer.builder(namesrv, GROUP, TOPIC)
                .lane(lane)
                .refreshInterval(Duration.ofMillis(300))
                .clientInterval(Duration.ofSeconds(1))
                .processedEvents(processed)
                .handler(e -> {
                    // The handler runs in the publisher's lane context.
                    assertThat(e.context().lane()).isEqualTo(e.payload(Map.class).get("lane"));
                    handledBy.computeIfAbsent(e.eventId(), k -> new CopyOnWriteArrayList<>()).add(label);
                })
                .build().start();
    }

    private static String send(String lane) throws Exception {
        String id = UUID.randomUUID().toString();
        String body = lane == null ? "{\"lane\":null}" : "{\"lane\":\"" + lane + "\"}";
        Message m = new Message(TOPIC, "booking.confirmed", body.getBytes(StandardCharsets.UTF_8));
        EventHeaders.stamp(m, EventHeaders.of(new CallContext("t-" + id, lane, null, null, null), id, "booking.confirmed"));
        producer.send(m);
        return id;
    }

    private static void awaitHandled(String... ids) {
        await().atMost(Duration.ofSeconds(45)).until(() -> {
            for (String id : ids) {
                if (!handledBy.containsKey(id)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void baselineCoversLanesWithoutConsumerAndHandsOverBothWays() throws Exception {
        try (LaneAwareConsumer baseline = consumer(null, "baseline")) {
            // 1. No gray consumer has ever run: the baseline handles gray messages too.
            String plain1 = send(null);
            String grayEarly = send("gray");
            awaitHandled(plain1, grayEarly);
            assertThat(handledBy.get(grayEarly)).containsExactly("baseline");

            // 2. A gray consumer starts: once the baseline has seen it and its new filter is in force at the broker (a pull
            //    the broker held with the old filter may still hand the baseline a gray message or so), gray messages are
            //    gray's alone.
            String grayDuring;
            String plain2;
            try (LaneAwareConsumer gray = consumer("gray", "gray")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> baseline.liveLanes().contains("gray"));
                assertThat(baseline.knownLanes()).contains("gray");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    String probe = send("gray");
                    awaitHandled(probe);
                    return handledBy.get(probe).equals(List.of("gray"));
                });
                grayDuring = send("gray");
                plain2 = send(null);
                awaitHandled(grayDuring, plain2);
                assertThat(handledBy.get(grayDuring)).containsExactly("gray");
                assertThat(handledBy.get(plain2)).containsExactly("baseline");
            }

            // 3. The gray consumer has gone. A message published at once (before the baseline noticed) and one after
            //    are both handled by the baseline, standing in for the gray group from that group's own offsets.
            String grayWhileLeaving = send("gray");
            await().atMost(Duration.ofSeconds(30)).until(() -> baseline.standingInFor().contains("gray"));
            String grayAfter = send("gray");
            String blue = send("blue");
            awaitHandled(grayWhileLeaving, grayAfter, blue);
            assertThat(handledBy.get(grayWhileLeaving)).containsExactly("baseline");
            assertThat(handledBy.get(grayAfter)).containsExactly("baseline");
            assertThat(handledBy.get(blue)).containsExactly("baseline");

            // Nothing handled twice, nothing lost.
            for (String id : List.of(plain1, grayEarly, grayDuring, plain2, grayWhileLeaving, grayAfter, blue)) {
                assertThat(handledBy.get(id)).as("handlers of %s", id).hasSize(1);
            }
        }
    }

    @Test
    void baselineFilterExcludesOnlyKnownLanes() {
        assertThat(LaneAwareConsumer.baselineExpression(java.util.Set.of())).isEqualTo("lane IS NULL OR lane IS NOT NULL");
        assertThat(LaneAwareConsumer.baselineExpression(java.util.Set.of("gray", "canary")))
                .isEqualTo("lane IS NULL OR lane NOT IN ('canary', 'gray')");
    }
}
