package com.checkup.platform.events;

import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.tx.Commits;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Transactional outbox: the event row is inserted with the caller's JDBC connection, so it commits or rolls back
 * with the state change. With a relay, the row is written already claimed by it (for the relay's lease) and handed to
 * it after the commit, to be sent at once without being looked for; if this process dies first, the row is due again
 * when this instance's next process is up, or when the claim lapses, and a relay (here after the restart, or in
 * another instance) finds the row and sends it then. Without a relay the row is
 * simply due, for whichever relay looks next.
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
        requireTransaction();
        // The delay is stored against the database clock, like every other outbox time: no time-zone conversions.
        Long delayMicros = deliverAt == null ? null : Math.max(0, Duration.between(Instant.now(), deliverAt).toNanos() / 1000);
        Object[] row = row(topic, eventType, key, payload);
        jdbc.update(INSERT + ", IF(? IS NULL, NULL, TIMESTAMPADD(MICROSECOND, ?, NOW(3))))",
                row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], delayMicros, delayMicros);
        sendAfterCommit(java.util.Collections.singletonList(row), deliverAt);
        return (String) row[0];
    }

    @Override
    public List<String> publishAll(String topic, String eventType, List<Outgoing> events) {
        requireTransaction();
        List<Object[]> rows = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (Outgoing e : events) {
            Object[] row = row(topic, eventType, e.key(), e.payload());
            rows.add(row);
            ids.add((String) row[0]);
        }
        if (!rows.isEmpty()) {
            // One round trip per batch (rewriteBatchedStatements turns it into multi-row INSERTs).
            jdbc.batchUpdate(INSERT + ", NULL)", rows);
            sendAfterCommit(rows, null);
        }
        return ids;
    }

    /**
     * The row is due now, or (claimed by the relay) once the relay's lease from now has passed: the two last
     * parameters are the claim token (or null) and the lease in microseconds (0 without a relay).
     */
    private static final String INSERT = "INSERT INTO outbox_event (event_id, topic, event_type, message_key, payload, headers,"
            + " status, attempts, claim_token, next_attempt_at, created_at, deliver_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0,"
            + " ?, TIMESTAMPADD(MICROSECOND, ?, NOW(3)), NOW(3)";

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Without a transaction the event could be published for a change that never happened (or lost).
            throw new IllegalStateException("Events must be published inside the transaction of the change they announce");
        }
    }

    /** event_id, topic, event_type, message_key, payload, headers, claim_token, lease in microseconds. */
    private Object[] row(String topic, String eventType, String key, Object payload) {
        String eventId = UUID.randomUUID().toString();
        try {
            String body = Json.MAPPER.writeValueAsString(payload);
            String headers = Json.MAPPER.writeValueAsString(EventHeaders.of(CallContextHolder.currentOrNewRoot(), eventId, eventType));
            return new Object[] {eventId, topic, eventType, key, body, headers,
                    relay == null ? null : relay.directToken(), relay == null ? 0L : relay.lease().toNanos() / 1000};
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be serialised: " + payload.getClass(), e);
        }
    }

    /** Hands the rows to the relay once (and only if) the transaction has committed. */
    private void sendAfterCommit(List<Object[]> rows, Instant deliverAt) {
        if (relay != null) {
            Commits.afterCommit(() -> {
                long delayMs = deliverAt == null ? 0 : Math.max(0, deliverAt.toEpochMilli() - System.currentTimeMillis());
                List<OutboxRelay.Row> committed = new ArrayList<>(rows.size());
                for (Object[] r : rows) {
                    committed.add(new OutboxRelay.Row(0, (String) r[0], (String) r[1], (String) r[2], (String) r[3],
                            (String) r[4], (String) r[5], 0, delayMs));
                }
                relay.sendCommitted(committed);
            });
        }
    }
}
