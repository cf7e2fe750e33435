package com.checkup.platform.events;

import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import com.checkup.platform.work.LeaseTable;
import com.checkup.platform.work.WorkLoop;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends PENDING outbox rows to RocketMQ, two ways.
 * <ul>
 * <li><b>Committed here</b> (the usual case): {@link OutboxEventPublisher} writes the row already claimed by this relay
 * ({@link #directToken}, due again only when the lease ends) and, after the commit, hands it over
 * ({@link #sendCommitted}); one sender thread sends what has been handed over and marks it SENT with one update. The
 * row is never looked for, claimed or read back: one statement per event instead of four.</li>
 * <li><b>Left behind</b>: everything else that is due — a row whose process died before sending it (due when its lease
 * lapses, or as soon as the same instance's next process is up: {@link #takeBackClaimsOfEarlierProcesses}), a failed send waiting for its retry, rows written without a relay — is a leased work table like any other
 * ({@link LeaseTable}, driven by a {@link WorkLoop} with one worker): claimed in a batch with one conditional update (so
 * two relays, here or in another instance, never send the same row at the same time), sent in id order, then marked
 * SENT with one update.</li>
 * </ul>
 * A failed send is retried with backoff ({@link #RETRY}, never given up: an event is never dropped). If the process
 * dies between send and mark, the claim is taken back or its lease expires, and the row is sent again: delivery is at-least-once and
 * consumers deduplicate on the event id. A row with {@code deliver_at} in the future goes out as a timer message. Unlike
 * the other work tables, the outbox keeps the database's time: its rows are written with {@code NOW(3)} inside each
 * business transaction.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    static final int BATCH = 100;
    /** 1 s, doubling, at most a minute apart, for as long as it takes. */
    static final RetryPolicy RETRY = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), 2, Duration.ofMinutes(1));

    /** A claimed row; {@code delayMs} > 0 when it is to be delivered later. */
    record Row(long id, String eventId, String topic, String eventType, String messageKey, String payload, String headers,
               int attempts, long delayMs) {
    }

    private final JdbcTemplate jdbc;
    private final DefaultMQProducer producer;
    private final Duration lease;
    private final Table table = new Table();
    private final WorkLoop<Row> loop;
    /**
     * Whose claims this relay's are, the same in this instance's next process (see {@link #OutboxRelay(JdbcTemplate,
     * DefaultMQProducer, Duration, Duration, String)}): 12 hex characters that start each of its claim tokens; null when
     * the instance has no stable identity.
     */
    private final String ownerTag;
    /** 6 random hex characters after the tag in this process's tokens: its own claims are never taken back. */
    private final String processTag = UUID.randomUUID().toString().substring(0, 6);
    /** The claim under which this relay's own committed rows are written (a claim token: 36 characters at most). */
    private final String directToken;
    /** A row handed over at its commit, and when ({@link System#nanoTime}). */
    private record Handed(Row row, long at) {
    }

    /** Most rows waiting for the sender; past it (a broker too slow for the load) rows are left to the poll. */
    static final int MAX_HANDED = 10_000;
    private final ConcurrentLinkedQueue<Handed> committed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handed = new AtomicInteger();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean closed;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-sender");
        t.setDaemon(true);
        return t;
    });

    public OutboxRelay(JdbcTemplate jdbc, DefaultMQProducer producer, Duration pollInterval, Duration lease) {
        this(jdbc, producer, pollInterval, lease, null);
    }

    /**
     * @param instance what names this service instance across its restarts and no other live one (e.g. service, host
     *                 and ports): rows this relay claimed and had not sent when its process died are due again as soon
     *                 as the instance's next process calls {@link #takeBackClaimsOfEarlierProcesses}, instead of after
     *                 their lease. Null: they wait out the lease.
     */
    public OutboxRelay(JdbcTemplate jdbc, DefaultMQProducer producer, Duration pollInterval, Duration lease, String instance) {
        this.jdbc = jdbc;
        this.producer = producer;
        this.lease = lease;
        this.ownerTag = instance == null || instance.isBlank() ? null : ownerTag(instance);
        this.directToken = newToken();
        this.loop = new WorkLoop<>("outbox-relay", table, this::sendAll, new WorkLoop.Settings(1, BATCH, lease, pollInterval),
                Clock.systemUTC(), null);
    }

    public void start() {
        loop.start().wakeUp();
    }

    /**
     * Rows still claimed by an earlier process of this instance (it died between commit and send, or mid-batch) are due
     * now, not after their lease: nothing else can be sending them. To be called once this process holds its ports,
     * which proves no other live process has its name. This process's own claims are kept. Returns how many.
     */
    public int takeBackClaimsOfEarlierProcesses() {
        if (ownerTag == null) {
            return 0;
        }
        try {
            int n = jdbc.update("UPDATE outbox_event SET next_attempt_at = NOW(3) WHERE status = 'PENDING'"
                    + " AND claim_token LIKE ? AND claim_token NOT LIKE ? AND next_attempt_at > NOW(3)",
                    ownerTag + ".%", ownerTag + "." + processTag + "%");
            if (n > 0) {
                log.info("Outbox: {} events claimed by an earlier process of this instance are due again", n);
                wakeUp();
            }
            return n;
        } catch (RuntimeException e) {
            log.warn("Outbox: claims of this instance's earlier process left to lapse: {}", RetryPolicy.describe(e));
            return 0;
        }
    }

    /** Hex of the first 6 bytes of the instance's SHA-256: fixed length, no LIKE wildcards. */
    private static String ownerTag(String instance) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(instance.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The owner's tag, a dot, this process's tag and 17 random hex characters (68 bits: unique among one process's
     * claims); a random UUID without an owner.
     */
    private String newToken() {
        String random = UUID.randomUUID().toString();
        return ownerTag == null ? random : ownerTag + "." + processTag + random.replace("-", "").substring(0, 17);
    }

    /**
     * Looks for due rows now, without waiting for the next poll (rows left behind, or written without a relay; a row
     * committed with this relay is handed over and never needs it).
     */
    public void wakeUp() {
        loop.wakeUp();
    }

    /** The claim token {@link OutboxEventPublisher} writes this relay's rows under (see the class comment). */
    String directToken() {
        return directToken;
    }

    /** How long a row written under {@link #directToken} stays this relay's before any relay may claim it. */
    Duration lease() {
        return lease;
    }

    /**
     * Sends rows that were written under {@link #directToken} and have just been committed, on the sender thread. Rows
     * it does not send (this relay closing, too many waiting, a failed send before them, waiting half a lease already)
     * are released: due for the poll, here or in another instance. If the process dies first, whichever relay claims
     * them when their lease lapses sends them.
     */
    void sendCommitted(List<Row> rows) {
        if (closed || handed.get() + rows.size() > MAX_HANDED) {
            release(rows, Duration.ZERO);
            return;
        }
        long now = System.nanoTime();
        for (Row r : rows) {
            committed.add(new Handed(r, now));
        }
        handed.addAndGet(rows.size());
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainQueued.compareAndSet(false, true)) {
            try {
                sender.execute(this::drainCommitted);
            } catch (RejectedExecutionException closing) {
                drainQueued.set(false);
                releaseHanded(Duration.ZERO);
            }
        }
    }

    private Handed nextHanded() {
        Handed h = committed.poll();
        if (h != null) {
            handed.decrementAndGet();
        }
        return h;
    }

    private void drainCommitted() {
        drainQueued.set(false);
        try {
            // Past half its lease a row is left to the poll: sending it now could race the relay that claims it next.
            long staleBefore = System.nanoTime() - lease.toNanos() / 2;
            List<Lease<Row>> batch = new ArrayList<>();
            List<Row> notSent = new ArrayList<>();
            boolean refused = false;
            for (Handed h = nextHanded(); h != null; h = nextHanded()) {
                if (h.at() - staleBefore < 0) {
                    notSent.add(h.row());
                    continue;
                }
                batch.add(new Lease<>(h.row(), directToken));
                if (batch.size() == BATCH) {
                    refused = !sendHanded(batch);
                    batch.clear();
                    if (refused || closed) {
                        break;
                    }
                }
            }
            if (!batch.isEmpty()) {
                if (refused || closed) {
                    batch.forEach(l -> notSent.add(l.item()));
                } else {
                    refused = !sendHanded(batch);
                }
            }
            release(notSent, Duration.ZERO);
            if (refused || closed) {
                // The broker refused one: what waits behind it goes to the poll, after the first retry's delay.
                releaseHanded(refused ? RETRY.delayAfter(1) : Duration.ZERO);
            }
        } catch (RuntimeException e) {
            // E.g. the database gone while marking: what was sent goes again once its claim lapses (at least once).
            log.warn("Outbox sender: {}; unmarked events are sent again when their claim lapses", RetryPolicy.describe(e));
        } finally {
            if (!committed.isEmpty() && !closed) {
                scheduleDrain();
            }
        }
    }

    /** Everything still waiting for the sender, released (see {@link #release}). */
    private void releaseHanded(Duration after) {
        List<Row> rows = new ArrayList<>();
        for (Handed h = nextHanded(); h != null; h = nextHanded()) {
            rows.add(h.row());
        }
        release(rows, after);
    }

    /** Gives up this relay's claim on rows it will not send: due for the poll after {@code after}. */
    private void release(List<Row> rows, Duration after) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + BATCH));
            List<Object> args = new ArrayList<>(List.of(after.toNanos() / 1000));
            part.forEach(r -> args.add(r.eventId()));
            args.add(directToken);
            try {
                jdbc.update("UPDATE outbox_event SET claim_token = NULL, next_attempt_at = TIMESTAMPADD(MICROSECOND, ?, NOW(3))"
                        + " WHERE event_id IN (" + marks(part.size()) + ") AND claim_token = ?", args.toArray());
            } catch (RuntimeException e) {
                log.warn("Outbox: {} events left to their claim's lapse: {}", part.size(), RetryPolicy.describe(e));
            }
        }
    }

    /** One pass in the caller's thread: claims up to a batch of due rows, sends them. Returns how many were sent. */
    public int relayDue() {
        return sendAll(table.claim(Instant.now(), BATCH, lease));
    }

    /** Sends a batch claimed under one token, then marks what went out SENT with one update. */
    private int sendAll(List<Lease<Row>> batch) {
        List<Object> sent = new ArrayList<>();
        for (Lease<Row> l : batch) {
            if (send(l)) {
                sent.add(l.item().eventId());
            }
        }
        markSent(batch, sent);
        return sent.size();
    }

    /**
     * The sender's batch, in order, stopping at the first failed send (the broker is down or refusing: the next ones
     * would wait out the same timeout): the failed row is released by {@link #send} with its backoff, the rest here.
     * Returns whether all were sent.
     */
    private boolean sendHanded(List<Lease<Row>> batch) {
        List<Object> sent = new ArrayList<>();
        List<Row> untried = new ArrayList<>();
        boolean failed = false;
        for (Lease<Row> l : batch) {
            if (failed || closed) {
                untried.add(l.item());
            } else if (send(l)) {
                sent.add(l.item().eventId());
            } else {
                failed = true;
            }
        }
        markSent(batch, sent);
        release(untried, RETRY.delayAfter(1));
        return !failed && untried.isEmpty();
    }

    private void markSent(List<Lease<Row>> batch, List<Object> sent) {
        if (!sent.isEmpty()) {
            // Only under our claim: a row whose lease lapsed is another relay's now (it sends it again: at least once).
            List<Object> args = new ArrayList<>(sent);
            args.add(batch.get(0).token());
            jdbc.update("UPDATE outbox_event SET status = 'SENT', sent_at = NOW(3), attempts = attempts + 1, last_error = NULL,"
                    + " claim_token = NULL WHERE event_id IN (" + marks(sent.size()) + ") AND claim_token = ?", args.toArray());
        }
    }

    private boolean send(Lease<Row> lease) {
        Row row = lease.item();
        try {
            Message m = new Message(row.topic(), row.eventType(), row.payload().getBytes(StandardCharsets.UTF_8));
            m.setKeys(row.messageKey() == null ? row.eventId() : row.messageKey() + " " + row.eventId());
            EventHeaders.stamp(m, Json.MAPPER.readValue(row.headers(), HEADERS));
            if (row.delayMs() > 0) {
                // A timer message: the broker keeps it until then, so the delay survives restarts of this service.
                m.setDeliverTimeMs(System.currentTimeMillis() + row.delayMs());
            }
            SendResult r = producer.send(m);
            if (r.getSendStatus() != SendStatus.SEND_OK) {
                // Stored but not yet flushed/replicated as configured; the message is in the broker all the same.
                log.info("Event {} sent with status {}", row.eventId(), r.getSendStatus());
            }
            return true;
        } catch (Exception e) {
            int attempts = row.attempts() + 1;
            Duration backoff = RETRY.delayAfter(attempts);
            String error = RetryPolicy.describe(e);
            jdbc.update("UPDATE outbox_event SET attempts = ?, last_error = ?, claim_token = NULL,"
                    + " next_attempt_at = TIMESTAMPADD(MICROSECOND, ?, NOW(3)) WHERE event_id = ? AND claim_token = ?",
                    attempts, error, backoff.toMillis() * 1000, row.eventId(), lease.token());
            log.warn("Event {} not sent (attempt {}), retry in {} ms: {}", row.eventId(), attempts, backoff.toMillis(), error);
            return false;
        }
    }

    /** Rows still waiting to be sent (for health and metrics). */
    public long pendingCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE status = 'PENDING'", Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Stops claiming; what the sender has started finishes (a few seconds at most), and every row still under this
     * relay's claim — waiting for the sender, or committed from now on — is released, due at once for the next relay
     * to look (another instance, or this service's next start) instead of after its lease.
     */
    @Override
    public void close() {
        loop.close();
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Outbox sender still busy at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        releaseHanded(Duration.ZERO);
        try {
            jdbc.update("UPDATE outbox_event SET claim_token = NULL, next_attempt_at = NOW(3)"
                    + " WHERE status = 'PENDING' AND claim_token = ?", directToken);
        } catch (RuntimeException e) {
            log.warn("Outbox: rows of this relay left to their claim's lapse: {}", RetryPolicy.describe(e));
        }
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /** outbox_event as leased work, on the database's clock (the {@code now} given is not used, see above). */
    private final class Table extends LeaseTable<Long, Row, Row> {
        @Override
        protected String newToken() {
            return OutboxRelay.this.newToken();
        }

        @Override
        protected List<Long> dueIds(LocalDateTime now, int limit) {
            return jdbc.queryForList("SELECT id FROM outbox_event WHERE status = 'PENDING' AND next_attempt_at <= NOW(3)"
                    + " ORDER BY id LIMIT ?", Long.class, limit);
        }

        @Override
        protected int claimIds(List<Long> ids, String token, LocalDateTime now, LocalDateTime leaseEnd) {
            List<Object> args = new ArrayList<>(List.of(lease.toMillis() * 1000, token));
            args.addAll(ids);
            return jdbc.update("UPDATE outbox_event SET next_attempt_at = TIMESTAMPADD(MICROSECOND, ?, NOW(3)), claim_token = ?"
                    + " WHERE id IN (" + marks(ids.size()) + ") AND status = 'PENDING' AND next_attempt_at <= NOW(3)",
                    args.toArray());
        }

        @Override
        protected List<Row> claimedRows(List<Long> ids, String token) {
            List<Object> args = new ArrayList<>(List.of(token));
            args.addAll(ids);
            return jdbc.query("SELECT id, event_id, topic, event_type, message_key, payload, headers, attempts,"
                    + " TIMESTAMPDIFF(MICROSECOND, NOW(3), deliver_at) DIV 1000 AS delay_ms FROM outbox_event"
                    + " WHERE claim_token = ? AND id IN (" + marks(ids.size()) + ") ORDER BY id",
                    (rs, i) -> new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
                            rs.getString("event_type"), rs.getString("message_key"), rs.getString("payload"),
                            rs.getString("headers"), rs.getInt("attempts"), rs.getLong("delay_ms")), args.toArray());
        }

        @Override
        protected Long keyOf(Row row) {
            return row.id();
        }

        @Override
        protected Row item(Row row) {
            return row;
        }
    }
}
