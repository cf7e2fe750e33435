package com.checkup.platform.support;

import com.checkup.platform.events.EventHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/** Records every raw delivery of a topic (no dedupe), in queue order: what the broker really holds. */
public final class EventRecorder implements AutoCloseable {
    private final DefaultMQPushConsumer consumer;
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();

    public EventRecorder(String namesrv, String group, String topic) throws Exception {
        consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("recorder-" + group);
        consumer.setPollNameServerInterval(1000);
        consumer.setHeartbeatBrokerInterval(1000);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                deliveries.computeIfAbsent(EventHeaders.eventIdOf(m), k -> new AtomicInteger()).incrementAndGet();
                keys.add(m.getKeys());
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
    }

    public int deliveriesOf(String eventId) {
        AtomicInteger n = deliveries.get(eventId);
        return n == null ? 0 : n.get();
    }

    public boolean anyKeyStartsWith(String businessKey) {
        return keys.stream().anyMatch(k -> k != null && k.startsWith(businessKey + " "));
    }

    @Override
    public void close() {
        consumer.shutdown();
    }
}
