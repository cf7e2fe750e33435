package com.checkup.platform.events;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotent consuming: the event id is recorded in {@code processed_event} in the same transaction as the
 * handler's changes. A redelivered (or concurrently delivered) event hits the primary key and is skipped;
 * a handler that fails rolls the record back too, so the redelivery runs it again.
 */
public final class ProcessedEvents {
    public enum Outcome { PROCESSED, DUPLICATE }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ProcessedEvents(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Outcome process(String consumerGroup, ReceivedEvent event, EventHandler handler) {
        return tx.execute(status -> {
            try {
                jdbc.update("INSERT INTO processed_event (consumer_group, event_id, processed_at) VALUES (?, ?, NOW(3))",
                        consumerGroup, event.eventId());
            } catch (DuplicateKeyException dup) {
                return Outcome.DUPLICATE;
            }
            try {
                handler.handle(event);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new EventHandlingException(event, e);
            }
            return Outcome.PROCESSED;
        });
    }

    public boolean isProcessed(String consumerGroup, String eventId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE consumer_group = ? AND event_id = ?",
                Integer.class, consumerGroup, eventId);
        return n != null && n > 0;
    }

    /** A checked exception from a handler, carried out of the transaction callback. */
    public static final class EventHandlingException extends RuntimeException {
        EventHandlingException(ReceivedEvent event, Exception cause) {
            super("Handler failed for event " + event.eventId() + " (" + event.eventType() + ")", cause);
        }
    }
}
