package com.checkup.platform.spring;

import com.checkup.platform.events.ConsumerLag;
import com.checkup.platform.events.LaneAwareConsumer;
import com.checkup.platform.events.OutboxRelay;
import com.checkup.platform.events.Reminders;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What ops watch of the platform's messaging: {@code checkup.outbox.pending} (events written but not yet sent: a
 * growing number means the broker is unreachable), {@code checkup.reminders.failed} (reminders the broker did not
 * take; each is left to its sweep), {@code checkup.reminders.in.flight}, and {@code checkup.consumer.lag} per consumer
 * group and topic (messages published and not yet consumed by the group; every instance of a service reports its
 * group's whole lag, so aggregate with {@code max}). Spring Boot binds every MeterBinder bean.
 */
public final class EventMetrics implements MeterBinder, DisposableBean {
    /** Lag is asked of the broker at most this often, whatever the scrape rate. */
    static final Duration LAG_MAX_AGE = Duration.ofSeconds(5);
    /** A lag figure older than this (broker unreachable) is reported as NaN. */
    static final Duration LAG_STALE_AFTER = Duration.ofSeconds(60);

    private final ObjectProvider<OutboxRelay> relays;
    private final ObjectProvider<Reminders> allReminders;
    /** One daemon thread asks the broker for every consumer's lag, off the scraping thread; a queue of a few at most. */
    private final ExecutorService lagQueries = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "consumer-lag");
                t.setDaemon(true);
                return t;
            });
    private final Map<LaneAwareConsumer, Gauge> lagGauges = new ConcurrentHashMap<>();
    private LaneAwareConsumer.Lifecycle lagWatcher;

    EventMetrics(ObjectProvider<OutboxRelay> relays, ObjectProvider<Reminders> allReminders) {
        this.relays = relays;
        this.allReminders = allReminders;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // Only what this service has (no broker configured: neither).
        relays.ifAvailable(relay -> bindOutbox(registry, relay));
        allReminders.ifAvailable(reminders -> bindReminders(registry, reminders));
        bindConsumerLag(registry);
    }

    private synchronized void bindConsumerLag(MeterRegistry registry) {
        if (lagWatcher != null) {
            return;
        }
        lagWatcher = new LaneAwareConsumer.Lifecycle() {
            @Override
            public void started(LaneAwareConsumer c) {
                ConsumerLag lag = new ConsumerLag(c::committedLag, lagQueries, LAG_MAX_AGE, LAG_STALE_AFTER);
                lagGauges.computeIfAbsent(c, k -> Gauge.builder("checkup.consumer.lag", lag, ConsumerLag::value)
                        .description("Messages of the topic the consumer group has not consumed yet (broker max offset"
                                + " minus the group's committed offset, summed over queues); NaN when the broker is unreachable")
                        .tag("group", c.consumerGroup())
                        .tag("topic", c.topic())
                        .strongReference(true)
                        .register(registry));
            }

            @Override
            public void closed(LaneAwareConsumer c) {
                Gauge g = lagGauges.remove(c);
                if (g != null) {
                    registry.remove(g);
                }
            }
        };
        LaneAwareConsumer.watch(lagWatcher);
    }

    @Override
    public synchronized void destroy() {
        if (lagWatcher != null) {
            LaneAwareConsumer.unwatch(lagWatcher);
        }
        lagQueries.shutdownNow();
    }

    private static void bindOutbox(MeterRegistry registry, OutboxRelay relay) {
        Gauge.builder("checkup.outbox.pending", relay, r -> {
                    try {
                        return r.pendingCount();
                    } catch (RuntimeException e) {
                        return Double.NaN; // database unreachable: no figure rather than a failed scrape
                    }
                })
                .description("Outbox events not yet sent to the broker").register(registry);
    }

    private static void bindReminders(MeterRegistry registry, Reminders reminders) {
        FunctionCounter.builder("checkup.reminders.failed", reminders, Reminders::failedCount)
                .description("Reminders the broker did not take (their sweep covers them)").register(registry);
        Gauge.builder("checkup.reminders.in.flight", reminders, Reminders::inFlight)
                .description("Reminders sent and not yet answered by the broker").register(registry);
    }
}
