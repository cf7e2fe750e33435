package com.checkup.platform.spring;

import com.checkup.platform.events.EventHandler;
import com.checkup.platform.events.LaneAwareConsumer;
import com.checkup.platform.events.ProcessedEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.exception.MQClientException;

/**
 * Where a service declares what it consumes: {@code subscribe("booking-on-order-paid", Topics.ORDER, handler)}.
 * Each subscription is lane-aware (this instance's lane is its {@code dubbo.provider.tag}) and idempotent.
 * All are stopped with the application.
 */
public final class EventSubscriptions implements AutoCloseable {
    private final String nameServer;
    private final String lane;
    private final ProcessedEvents processed;
    private final PlatformProperties props;
    private final List<LaneAwareConsumer> consumers = new CopyOnWriteArrayList<>();

    EventSubscriptions(String nameServer, String lane, ProcessedEvents processed, PlatformProperties props) {
        this.nameServer = nameServer;
        this.lane = lane;
        this.processed = processed;
        this.props = props;
    }

    public LaneAwareConsumer subscribe(String group, String topic, EventHandler handler) {
        return subscribe(group, topic, java.util.Set.of(), handler);
    }

    /** Subscribes to some event types of a topic only; the broker filters the others out. */
    public LaneAwareConsumer subscribe(String group, String topic, java.util.Set<String> eventTypes, EventHandler handler) {
        try {
            LaneAwareConsumer c = LaneAwareConsumer.builder(nameServer, group, topic)
                    .lane(lane)
                    .eventTypes(eventTypes)
                    .processedEvents(processed)
                    .handler(handler)
                    .refreshInterval(props.getLanes().getRefreshInterval())
                    .clientInterval(props.getRocketmq().getClientInterval())
                    .build()
                    .start();
            consumers.add(c);
            return c;
        } catch (MQClientException e) {
            throw new IllegalStateException("Cannot subscribe " + group + " to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** This instance's lane, or null for the baseline. */
    public String lane() {
        return lane;
    }

    @Override
    public void close() {
        consumers.forEach(LaneAwareConsumer::close);
        consumers.clear();
    }
}
