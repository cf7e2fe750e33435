package com.checkup.platform.spring;

import com.checkup.platform.events.OutboxRelay;
import com.checkup.platform.events.Reminders;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What ops watch of the platform's messaging: {@code checkup.outbox.pending} (events written but not yet sent: a
 * growing number means the broker is unreachable), {@code checkup.reminders.failed} (reminders the broker did not
 * take; each is left to its sweep) and {@code checkup.reminders.in.flight}. Spring Boot binds every MeterBinder bean.
 */
public final class EventMetrics implements MeterBinder {
    private final ObjectProvider<OutboxRelay> relays;
    private final ObjectProvider<Reminders> allReminders;

    EventMetrics(ObjectProvider<OutboxRelay> relays, ObjectProvider<Reminders> allReminders) {
        this.relays = relays;
        this.allReminders = allReminders;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // Only what this service has (no broker configured: neither).
        relays.ifAvailable(relay -> bindOutbox(registry, relay));
        allReminders.ifAvailable(reminders -> bindReminders(registry, reminders));
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
