package com.checkup.platform.events;

import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.tx.Commits;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timer messages a service sends to itself ("this hold is due at 10:15"), for work whose truth is already in the
 * service's own rows (a HELD booking and its expiry time). Unlike an {@link EventPublisher event}, a reminder has no
 * outbox row: it is sent asynchronously after the commit of the change that needs it, and one that is lost (the process
 * died after the commit, the broker was away) is made up for by a sweep over those rows. So a reminder makes the work
 * punctual, the sweep makes it certain, and the hot path saves an outbox insert, its relay pass and its marking.
 * Consumers receive it like an event (same headers, same idempotent handling), possibly more than once.
 */
public final class Reminders {
    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final DefaultMQProducer producer;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    public Reminders(DefaultMQProducer producer) {
        this.producer = producer;
    }

    /**
     * Sends the reminder for {@code at} after the current transaction commits (nothing if it rolls back), or at once
     * when no transaction is active.
     *
     * @param topic     topic name (from api-contracts)
     * @param type      reminder type, also the RocketMQ tag
     * @param key       business key (e.g. the booking id)
     * @param payload   serialised as JSON
     * @param at        when the consumer should receive it (RocketMQ timer message; up to the broker's maximum delay)
     */
    public void remindAt(String topic, String type, String key, Object payload, Instant at) {
        // Named by what it is (no shared random source on the hot path): the same reminder twice is one to consumers.
        String id = UUID.nameUUIDFromBytes((topic + '\n' + type + '\n' + key + '\n' + at.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        Message m;
        try {
            m = new Message(topic, type, Json.MAPPER.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Reminder payload cannot be serialised: " + payload.getClass(), e);
        }
        m.setKeys(key == null ? id : key + " " + id);
        // Headers now, while the caller's context (trace, lane) is current.
        EventHeaders.stamp(m, EventHeaders.of(CallContextHolder.currentOrNewRoot(), id, type));
        Commits.afterCommit(() -> send(m, at));
    }

    /** Reminders the broker did not take since start (each is left to the sweep). */
    public long failedCount() {
        return failed.get();
    }

    /** Reminders handed to the producer whose answer has not come yet. */
    public int inFlight() {
        return inFlight.get();
    }

    private void send(Message m, Instant at) {
        long due = at.toEpochMilli();
        if (due > System.currentTimeMillis()) {
            m.setDeliverTimeMs(due);
        }
        SendCallback outcome = new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                inFlight.decrementAndGet();
            }

            @Override
            public void onException(Throwable e) {
                inFlight.decrementAndGet();
                lost(m, e);
            }
        };
        inFlight.incrementAndGet();
        try {
            producer.send(m, outcome);
        } catch (Exception e) {
            // Never fails the committed change: the sweep covers it.
            inFlight.decrementAndGet();
            lost(m, e);
        }
    }

    private void lost(Message m, Throwable e) {
        failed.incrementAndGet();
        log.warn("Reminder {} ({}) not sent, its sweep will cover it: {}", m.getKeys(), m.getTags(), e.toString());
    }
}
