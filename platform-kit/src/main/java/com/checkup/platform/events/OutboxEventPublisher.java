package com.checkup.platform.events;

import com.checkup.platform.context.CallContextHolder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Transactional outbox: the event row is inserted with the caller's JDBC connection, so it commits or rolls back
 * with the state change. After commit the relay is woken to send it at once; if this process dies first, the relay
 * (here or in another instance) finds the row and sends it later.
 */
public final class OutboxEventPublisher implements EventPublisher {
    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    public OutboxEventPublisher(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    @Override
    public String publish(String topic, String eventType, String key, Object payload) {
        return publishAt(topic, eventType, key, payload, null);
    }

    @Override
    public String publishAt(String topic, String eventType, String key, Object payload, Instant deliverAt) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Without a transaction the event could be published for a change that never happened (or lost).
            throw new IllegalStateException("Events must be published inside the transaction of the change they announce");
        }
        String eventId = UUID.randomUUID().toString();
        // The delay is stored against the database clock, like every other outbox time: no time-zone conversions.
        Long delayMicros = deliverAt == null ? null : Math.max(0, Duration.between(Instant.now(), deliverAt).toNanos() / 1000);
        String body;
        String headers;
        try {
            body = Json.MAPPER.writeValueAsString(payload);
            headers = Json.MAPPER.writeValueAsString(
                    EventHeaders.of(CallContextHolder.currentOrNewRoot(), eventId, eventType));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be serialised: " + payload.getClass(), e);
        }
        jdbc.update("INSERT INTO outbox_event (event_id, topic, event_type, message_key, payload, headers, status,"
                        + " attempts, next_attempt_at, created_at, deliver_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, NOW(3), NOW(3),"
                        + " IF(? IS NULL, NULL, TIMESTAMPADD(MICROSECOND, ?, NOW(3))))",
                eventId, topic, eventType, key, body, headers, delayMicros, delayMicros);
        if (relay != null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
        return eventId;
    }
}
