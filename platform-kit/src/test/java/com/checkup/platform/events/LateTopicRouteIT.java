package com.checkup.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service may start before the broker has published its topics (`up` starts the services' JVMs while RocketMQ is
 * still coming up; in a cluster the broker may simply be late). Its baseline consumer gets its queues as soon as the
 * route exists, at its next lane refresh (2 s), not at the client's next rebalance (20 s).
 */
@ExtendWith(EmbeddedInfraExtension.class)
class LateTopicRouteIT {

    @Test
    void aConsumerStartedBeforeItsTopicHadARouteTakesItsQueuesAtTheNextRefresh(TestInfrastructure infra) throws Exception {
        String topic = "late-route-" + UUID.randomUUID().toString().substring(0, 8);
        String namesrv = infra.rocketMq().namesrvAddr();
        DataSource ds = infra.database("late_route_it");
        ProcessedEvents processed = new ProcessedEvents(new JdbcTemplate(ds),
                new TransactionTemplate(new DataSourceTransactionManager(ds)));
        List<String> handled = new CopyOnWriteArrayList<>();
        // The client's own route poll and heartbeat are an hour apart and the lane refresh is driven by hand. Its
        // rebalance thread (every second in test JVMs) would get there too, a second or two later: the queues are
        // asserted right after the refresh, when only the refresh can have asked for them.
        LaneAwareConsumer consumer = LaneAwareConsumer.builder(namesrv, "late-route-it", topic)
                .refreshInterval(Duration.ofHours(1))
                .clientInterval(Duration.ofHours(1))
                .processedEvents(processed)
                .handler(e -> handled.add(e.eventId()))
                .build().start();
        DefaultMQProducer producer = new DefaultMQProducer("late-route-it-producer");
        try {
            assertThat(consumer.assignedQueues()).isEmpty();

            infra.rocketMq().createTopic(topic);
            consumer.refreshLanes();

            assertThat(consumer.assignedQueues()).hasSize(4);
            producer.setNamesrvAddr(namesrv);
            producer.setInstanceName("late-route-it");
            producer.start();
            String id = UUID.randomUUID().toString();
            Message m = new Message(topic, "booking.confirmed", "{}".getBytes(StandardCharsets.UTF_8));
            EventHeaders.stamp(m, EventHeaders.of(new CallContext("t-" + id, null, null, null, null), id, "booking.confirmed"));
            producer.send(m);
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(id));
        } finally {
            producer.shutdown();
            consumer.close();
        }
    }
}
