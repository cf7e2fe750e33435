package com.checkup.platform.events;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends PENDING outbox rows to RocketMQ. A row is first leased with a conditional update (so two relays — another
 * instance, or a wake-up racing the poll — never send it at the same time), sent synchronously, then marked SENT.
 * A failed send is retried with backoff. If the process dies between send and mark, the lease expires and the row
 * is sent again: delivery is at-least-once and consumers deduplicate on the event id.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final DefaultMQProducer producer;
    private final Duration pollInterval;
    private final Duration lease;
    private final ScheduledExecutorService executor;

    public OutboxRelay(JdbcTemplate jdbc, DefaultMQProducer producer, Duration pollInterval, Duration lease) {
        this.jdbc = jdbc;
        this.producer = producer;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::safeRelay, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends what is due now, without waiting for the next poll (called after a commit). */
    public void wakeUp() {
        if (!executor.isShutdown()) {
            executor.execute(this::safeRelay);
        }
    }

    private void safeRelay() {
        try {
            relayDue();
        } catch (RuntimeException e) {
            log.warn("Outbox relay pass failed, will retry: {}", e.toString());
        }
    }

    /** One pass: sends every row due now; returns how many were sent. */
    public int relayDue() {
        List<Long> due = jdbc.queryForList("SELECT id FROM outbox_event WHERE status = 'PENDING' AND next_attempt_at <= NOW(3)"
                + " ORDER BY id LIMIT " + BATCH, Long.class);
        int sent = 0;
        for (Long id : due) {
            if (claim(id) && send(id)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean claim(long id) {
        return jdbc.update("UPDATE outbox_event SET next_attempt_at = TIMESTAMPADD(MICROSECOND, ?, NOW(3))"
                        + " WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= NOW(3)",
                lease.toMillis() * 1000, id) == 1;
    }

    private boolean send(long id) {
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT event_id, topic, event_type, message_key, payload, headers, attempts,"
                        + " TIMESTAMPDIFF(MICROSECOND, NOW(3), deliver_at) DIV 1000 AS delay_ms FROM outbox_event WHERE id = ?", id);
        String eventId = (String) row.get("event_id");
        try {
            Message m = new Message((String) row.get("topic"), (String) row.get("event_type"),
                    ((String) row.get("payload")).getBytes(StandardCharsets.UTF_8));
            String key = (String) row.get("message_key");
            m.setKeys(key == null ? eventId : key + " " + eventId);
            EventHeaders.stamp(m, Json.MAPPER.readValue((String) row.get("headers"), HEADERS));
            if (row.get("delay_ms") instanceof Number delay && delay.longValue() > 0) {
                // A timer message: the broker keeps it until then, so the delay survives restarts of this service.
                m.setDeliverTimeMs(System.currentTimeMillis() + delay.longValue());
            }
            SendResult r = producer.send(m);
            if (r.getSendStatus() != SendStatus.SEND_OK) {
                // Stored but not yet flushed/replicated as configured; the message is in the broker all the same.
                log.info("Event {} sent with status {}", eventId, r.getSendStatus());
            }
            jdbc.update("UPDATE outbox_event SET status = 'SENT', sent_at = NOW(3), attempts = attempts + 1,"
                    + " last_error = NULL WHERE id = ?", id);
            return true;
        } catch (Exception e) {
            int attempts = ((Number) row.get("attempts")).intValue() + 1;
            long backoffMs = Math.min(60_000L, 500L << Math.min(attempts, 7));
            String error = String.valueOf(e.getMessage());
            jdbc.update("UPDATE outbox_event SET attempts = ?, last_error = ?,"
                            + " next_attempt_at = TIMESTAMPADD(MICROSECOND, ?, NOW(3)) WHERE id = ?",
                    attempts, error.length() > 500 ? error.substring(0, 500) : error, backoffMs * 1000, id);
            log.warn("Event {} not sent (attempt {}), retry in {} ms: {}", eventId, attempts, backoffMs, error);
            return false;
        }
    }

    /** Rows still waiting to be sent (for health and metrics). */
    public long pendingCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE status = 'PENDING'", Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
