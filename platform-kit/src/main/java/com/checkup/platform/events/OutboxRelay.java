package com.checkup.platform.events;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Sends PENDING outbox rows to RocketMQ. Due rows are first claimed in a batch with one conditional update (so two
 * relays — another instance, or a wake-up racing the poll — never send the same row at the same time), sent
 * synchronously in id order, then marked SENT with one update. A failed send is retried with backoff. If the process
 * dies between send and mark, the claim's lease expires and the row is sent again: delivery is at-least-once and
 * consumers deduplicate on the event id. A row with {@code deliver_at} in the future goes out as a timer message.
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
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

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

    /**
     * Sends what is due now, without waiting for the next poll (called after a commit). Wake-ups coalesce: at most one
     * pass waits in the queue, and a commit after that pass started queues the next one, so none is missed.
     */
    public void wakeUp() {
        if (!executor.isShutdown() && wakeUpQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakeUpQueued.set(false);
                    safeRelay();
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // shutting down: the next start (here or elsewhere) sends what is left
            }
        }
    }

    private void safeRelay() {
        try {
            while (relayDue() == BATCH) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay pass failed, will retry: {}", e.toString());
        }
    }

    /**
     * One pass: claims up to a batch of due rows with one conditional update (rows another relay claimed meanwhile are
     * not won), sends them in id order, marks the sent ones with one update. Returns how many were sent.
     */
    public int relayDue() {
        List<Long> due = jdbc.queryForList("SELECT id FROM outbox_event WHERE status = 'PENDING' AND next_attempt_at <= NOW(3)"
                + " ORDER BY id LIMIT " + BATCH, Long.class);
        if (due.isEmpty()) {
            return 0;
        }
        String token = UUID.randomUUID().toString();
        String ids = String.join(",", Collections.nCopies(due.size(), "?"));
        List<Object> claimArgs = new ArrayList<>(List.of(lease.toMillis() * 1000, token));
        claimArgs.addAll(due);
        jdbc.update("UPDATE outbox_event SET next_attempt_at = TIMESTAMPADD(MICROSECOND, ?, NOW(3)), claim_token = ?"
                + " WHERE id IN (" + ids + ") AND status = 'PENDING' AND next_attempt_at <= NOW(3)", claimArgs.toArray());
        List<Object> readArgs = new ArrayList<>(List.of(token));
        readArgs.addAll(due);
        List<Map<String, Object>> claimed = jdbc.queryForList("SELECT id, event_id, topic, event_type, message_key, payload,"
                + " headers, attempts, TIMESTAMPDIFF(MICROSECOND, NOW(3), deliver_at) DIV 1000 AS delay_ms"
                + " FROM outbox_event WHERE claim_token = ? AND id IN (" + ids + ") ORDER BY id", readArgs.toArray());
        List<Object> sent = new ArrayList<>();
        for (Map<String, Object> row : claimed) {
            if (send(row)) {
                sent.add(row.get("id"));
            }
        }
        if (!sent.isEmpty()) {
            jdbc.update("UPDATE outbox_event SET status = 'SENT', sent_at = NOW(3), attempts = attempts + 1, last_error = NULL"
                    + " WHERE id IN (" + String.join(",", Collections.nCopies(sent.size(), "?")) + ")", sent.toArray());
        }
        return sent.size();
    }

    private boolean send(Map<String, Object> row) {
        long id = ((Number) row.get("id")).longValue();
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
