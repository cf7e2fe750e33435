package com.checkup.platform.spring;

import com.checkup.platform.events.EventHandler;
import com.checkup.platform.events.LaneAwareConsumer;
import com.checkup.platform.events.ProcessedEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.exception.MQClientException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Where a service declares what it consumes: {@code subscribe("booking-on-order-paid", Topics.ORDER, handler)}.
 * Each subscription is lane-aware (this instance's lane is its {@code dubbo.provider.tag}) and idempotent.
 * All are stopped first when the application closes: before Dubbo leaves the registry and drops its references, so
 * the events being handled finish with every service they call still reachable; the other instances (the new one of a
 * rolling update) take over the queues.
 */
public final class EventSubscriptions implements AutoCloseable, ApplicationListener<ContextClosedEvent>, ApplicationContextAware,
        Ordered {
    private final String nameServer;
    private final String lane;
    private final ProcessedEvents processed;
    private final PlatformProperties props;
    private final List<LaneAwareConsumer> consumers = new CopyOnWriteArrayList<>();
    private ApplicationContext context;

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
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == context) { // a child context closing is not this application stopping
            close();
        }
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    /** Before Dubbo's own listener (lowest precedence), which unexports and unrefers on the same event. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void close() {
        // In parallel: each may wait for its events in hand, and one after another they would add up.
        List<Thread> closing = new java.util.ArrayList<>();
        for (LaneAwareConsumer c : consumers) {
            Thread t = new Thread(c::close, "close-" + c.lane());
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        consumers.clear();
    }
}
