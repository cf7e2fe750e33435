package com.checkup.message.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import com.checkup.message.persistence.MessageRepository;
import org.springframework.stereotype.Component;

/**
 * {@code checkup_messages_dead}: notifications that gave up after their retries (status DEAD; listed by the dead-letter
 * query for ops to resend). Counted on the (status, updated_at, id) index at most every 30 s, whatever the scrape rate;
 * NaN when the database does not answer (a scrape never fails on it).
 */
@Component
public class DeadLetterMetrics implements MeterBinder {
    private static final long MAX_AGE_NANOS = 30_000_000_000L;
    private final MessageRepository messages;
    private double last = Double.NaN;
    private long lastAt = Long.MIN_VALUE / 2;

    public DeadLetterMetrics(MessageRepository messages) {
        this.messages = messages;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("checkup.messages.dead", this, DeadLetterMetrics::count)
                .description("Notifications that gave up after their retries (DEAD), to be resent or dropped by ops")
                .register(registry);
    }

    synchronized double count() {
        long now = System.nanoTime();
        if (now - lastAt >= MAX_AGE_NANOS) {
            lastAt = now;
            try {
                last = messages.deadCount();
            } catch (RuntimeException e) {
                last = Double.NaN;
            }
        }
        return last;
    }
}
