package com.checkup.e2e;

import static com.checkup.e2e.BenchSupport.percentile;
import static com.checkup.e2e.BenchSupport.percentiles;
import static com.checkup.e2e.BenchSupport.pid;
import static com.checkup.e2e.BenchSupport.secret;
import static com.checkup.e2e.BenchSupport.token;
import static com.checkup.e2e.BenchSupport.waitFor;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.event.Topics;
import com.checkup.localplatform.Platform;
import com.checkup.localplatform.PlatformConfig;
import com.checkup.localplatform.ServiceSpec;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.EmbeddedMariaDb;
import com.checkup.platform.events.EventHeaders;
import com.checkup.platform.events.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;

/**
 * The inbox under long polling, in one bounded run on loopback:
 * <ol>
 *   <li><b>held polls</b>: {@code bench.polls} consumers (2000; tokens signed with the install's key, one user each)
 *       keep one {@code GET /api/app/inbox?after=..&wait=25} waiting at all times (re-polled as soon as answered);
 *       the gateway's RSS, live heap (after a GC) and threads, and message-service's, before and while they wait;</li>
 *   <li><b>event → answer</b>: {@code bench.notices} (200) booking.confirmed events for waiting users, one every
 *       {@code bench.spacingMs} (50 ms), through RocketMQ: from sending the event, and from the notice's creation (in
 *       its commit's transaction), to the waiting poll's answer (message-service wakes its waiters after the commit);</li>
 *   <li><b>commit elsewhere → answer</b>: {@code bench.direct} (100) notices committed straight in message-service's
 *       database the way another replica commits one (nothing wakes the waiters here but the periodic look, every
 *       second): from the commit to the answer.</li>
 * </ol>
 * The platform is ZooKeeper, RocketMQ and MariaDB, message-service and the gateway, as {@code up} starts them (same JVM
 * flags: C1, {@code -Xmx256m}, serial GC). Not part of the test suite: run by {@code bench/inbox.sh}.
 */
class InboxBench {
    private static final int POLLS = Integer.getInteger("bench.polls", 2000);
    private static final int NOTICES = Integer.getInteger("bench.notices", 200);
    private static final int DIRECT = Integer.getInteger("bench.direct", 100);
    private static final int SPACING_MS = Integer.getInteger("bench.spacingMs", 50);
    private static final int WAIT = 25;

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<long[]> eventDelays = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> directDelays = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong emptyAnswers = new AtomicLong();
    /** Goals: a waiting poll answered right after a local commit, and within a look (each second) of another's. */
    private static final long CREATED_TO_ANSWER_P99_MS = 100;
    private static final long ELSEWHERE_TO_ANSWER_P99_MS = 2_000;

    private static long p99(List<Long> values) {
        return percentile(values.stream().mapToLong(Long::longValue).sorted().toArray(), 0.99);
    }

    private final AtomicLong errors = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        Path root = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();
        PlatformConfig base = PlatformConfig.onFreePorts(root, Path.of("target", "bench-inbox").toAbsolutePath());
        List<ServiceSpec> specs = base.services().stream()
                .filter(s -> s.name().equals("message-service") || s.name().equals("bff-gateway")).toList();
        PlatformConfig config = base.withServices(specs);
        ServiceSpec message = specs.stream().filter(s -> s.name().equals("message-service")).findFirst().orElseThrow();
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(10)).build();
        try (Platform platform = new Platform(config, System.out)) {
            platform.start(true);
            String gw = "http://127.0.0.1:" + config.gatewayPort();
            String ms = "http://127.0.0.1:" + message.httpPort();
            long gatewayPid = pid("bff-gateway.jar", "--server.port=" + config.gatewayPort());
            long messagePid = pid("message-service.jar", "--server.port=" + message.httpPort());
            byte[] key = Base64.getDecoder().decode(secret(config, "jwt.secret"));
            line("InboxBench: %d held polls (wait %d s), %d notices by event and %d committed elsewhere, %d cores, Java %s",
                    POLLS, WAIT, NOTICES, DIRECT, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

            List<String> users = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 0; i < POLLS; i++) {
                users.add("bench-" + run + "-" + i);
                tokens.add(token(key, users.get(i)));
            }
            // Warm the route (and the gateway's Dubbo reference) before measuring anything.
            for (int i = 0; i < 200; i++) {
                get(http, gw, tokens.get(i % POLLS), null, 0);
            }
            Measure before = measure(gw, ms, gatewayPid, messagePid);
            Map<String, Integer> threadsBefore = threads(gatewayPid);
            line("before: %s", before);

            // Every user's fresh start (its cursor), 32 at a time.
            String[] cursors = new String[POLLS];
            Semaphore inFlight = new Semaphore(32);
            AtomicInteger left = new AtomicInteger(POLLS);
            for (int i = 0; i < POLLS; i++) {
                int u = i;
                inFlight.acquire();
                send(http, gw, tokens.get(u), null, 0).whenComplete((r, t) -> {
                    inFlight.release();
                    if (t == null && r.statusCode() == 200) {
                        cursors[u] = read(r.body()).get("cursor").asText();
                    }
                    left.decrementAndGet();
                });
            }
            waitFor(() -> left.get() == 0, Duration.ofSeconds(60));
            for (int i = 0; i < POLLS; i++) {
                if (cursors[i] == null) {
                    throw new AssertionError("no cursor for " + users.get(i));
                }
            }

            long t0 = System.nanoTime();
            for (int i = 0; i < POLLS; i++) {
                hold(http, gw, tokens.get(i), cursors[i]);
                if (i % 100 == 99) {
                    Thread.sleep(100); // 100 new connections at a time: the server's accept queue is not the subject here
                }
            }
            boolean allHeld = waitFor(() -> waiting(ms) >= POLLS, Duration.ofSeconds(60));
            line("%d polls issued and held by message-service in %.1f s (all held: %s)", POLLS,
                    (System.nanoTime() - t0) / 1e9, allHeld);
            Thread.sleep(3000);
            Measure during = measure(gw, ms, gatewayPid, messagePid);
            line("while %d polls wait: %s", waiting(ms), during);
            histograms("during", gatewayPid, messagePid);
            Map<String, Integer> threadsDuring = threads(gatewayPid);
            List<String> grown = new ArrayList<>();
            threadsDuring.forEach((k, v) -> {
                int was = threadsBefore.getOrDefault(k, 0);
                if (v != was) {
                    grown.add(k + " " + was + "->" + v);
                }
            });
            line("gateway thread pools that changed: %s", grown.isEmpty() ? "none" : String.join(", ", grown));
            line("per held poll: gateway %+.1f KB RSS, %+.1f KB live heap; message-service %+.1f KB RSS, %+.1f KB live heap; "
                            + "threads gateway %+d, message-service %+d",
                    (during.gatewayRssKb - before.gatewayRssKb) / (double) POLLS,
                    (during.gatewayHeapKb - before.gatewayHeapKb) / (double) POLLS,
                    (during.messageRssKb - before.messageRssKb) / (double) POLLS,
                    (during.messageHeapKb - before.messageHeapKb) / (double) POLLS,
                    during.gatewayThreads - before.gatewayThreads, during.messageThreads - before.messageThreads);

            // Event → answer: booking.confirmed for waiting users, through the broker.
            DefaultMQProducer producer = new DefaultMQProducer("inbox-bench");
            producer.setNamesrvAddr(config.namesrvAddr());
            producer.setInstanceName("inbox-bench");
            producer.start();
            try {
                for (int i = 0; i < NOTICES; i++) {
                    String booking = "BENCH-" + UUID.randomUUID();
                    BookingEvent e = new BookingEvent();
                    e.setBookingId(booking);
                    e.setHospitalId("H001");
                    e.setPackageId("H001-BASIC");
                    e.setConsumerId(users.get(i % POLLS));
                    e.setDate(LocalDate.now().plusDays(10).toString());
                    e.setPeriod("MORNING");
                    e.setStatus(BookingStatus.CONFIRMED);
                    Message m = new Message(Topics.BOOKING, BookingEvent.CONFIRMED, booking, Json.MAPPER.writeValueAsBytes(e));
                    EventHeaders.stamp(m, EventHeaders.of(CallContext.newRoot(), UUID.randomUUID().toString(), BookingEvent.CONFIRMED));
                    sentAt.put(booking, System.currentTimeMillis());
                    producer.send(m);
                    Thread.sleep(SPACING_MS);
                }
            } finally {
                producer.shutdown();
            }
            waitFor(() -> eventDelays.size() >= NOTICES, Duration.ofSeconds(60));

            // Commit elsewhere → answer: what a second replica's commit is to this one.
            try (Connection db = DriverManager.getConnection(EmbeddedMariaDb.jdbcUrl(config.mariaDbPort(), "checkup_message"), "root", "")) {
                db.setAutoCommit(false);
                for (int i = 0; i < DIRECT; i++) {
                    String user = users.get((NOTICES + i) % POLLS);
                    String booking = "BENCH-D-" + UUID.randomUUID();
                    commitElsewhere(db, user, booking);
                    Thread.sleep(SPACING_MS);
                }
            }
            waitFor(() -> directDelays.size() >= DIRECT, Duration.ofSeconds(60));

            // Through the end of a wait: every poll that got nothing is answered empty after its 25 s and polls again.
            long empties = emptyAnswers.get();
            boolean cycled = waitFor(() -> emptyAnswers.get() - empties >= POLLS - NOTICES - DIRECT, Duration.ofSeconds(WAIT + 20));
            line("a full wait later: %d polls ended empty and polled again (all: %s), still waiting: %d", emptyAnswers.get() - empties,
                    cycled, waiting(ms));
            Measure end = measure(gw, ms, gatewayPid, messagePid);
            histograms("end", gatewayPid, messagePid);
            line("at the end: %s", end);
            running.set(false);

            line("answers: %d (%d empty at the end of their wait), errors %d", answers.get(), emptyAnswers.get(), errors.get());
            List<Long> fromEvent = eventDelays.stream().map(d -> d[0]).toList();
            List<Long> fromCreated = eventDelays.stream().map(d -> d[1]).toList();
            line("event sent -> poll answered      (%3d of %d): %s", fromEvent.size(), NOTICES, percentiles(fromEvent));
            line("notice created -> poll answered  (%3d of %d): %s", fromCreated.size(), NOTICES, percentiles(fromCreated));
            line("commit elsewhere -> answered     (%3d of %d): %s", directDelays.size(), DIRECT, percentiles(directDelays));
            Path out = Path.of("target", "inbox-benchmark.txt");
            Files.writeString(out, report.toString());
            System.out.println("written to " + out.toAbsolutePath());
            // The goals (issue 16's design), judged after the report is written so a miss is still on record.
            List<String> missed = new ArrayList<>();
            if (errors.get() > 0) {
                missed.add(errors.get() + " polls failed");
            }
            if (fromCreated.size() < NOTICES || directDelays.size() < DIRECT) {
                missed.add("notices not answered: " + (NOTICES - fromCreated.size()) + " by event, "
                        + (DIRECT - directDelays.size()) + " committed elsewhere");
            }
            if (!fromCreated.isEmpty() && p99(fromCreated) >= CREATED_TO_ANSWER_P99_MS) {
                missed.add("notice created -> answered p99 " + p99(fromCreated) + " ms (goal under " + CREATED_TO_ANSWER_P99_MS + " ms)");
            }
            if (!directDelays.isEmpty() && p99(directDelays) >= ELSEWHERE_TO_ANSWER_P99_MS) {
                missed.add("commit elsewhere -> answered p99 " + p99(directDelays) + " ms (goal under "
                        + ELSEWHERE_TO_ANSWER_P99_MS + " ms: one look a second)");
            }
            if (during.messageThreads() - before.messageThreads() > 10) {
                missed.add("message-service grew " + (during.messageThreads() - before.messageThreads())
                        + " threads for held polls (a waiting poll must not hold a thread)");
            }
            if (!missed.isEmpty()) {
                throw new AssertionError("inbox goals missed: " + String.join("; ", missed));
            }
        } finally {
            running.set(false);
            callbacks.shutdownNow();
        }
    }

    /** Keeps one poll of this user waiting, re-polling from the answer's cursor, while the bench runs. */
    private void hold(HttpClient http, String gw, String token, String cursor) {
        if (!running.get()) {
            return;
        }
        send(http, gw, token, cursor, WAIT).whenComplete((r, t) -> {
            long now = System.currentTimeMillis();
            if (t != null || r.statusCode() != 200) {
                errors.incrementAndGet();
                if (errors.get() < 5) {
                    System.out.println("poll failed: " + (t != null ? t : r.statusCode() + " " + r.body()));
                }
                java.util.concurrent.CompletableFuture.runAsync(() -> hold(http, gw, token, cursor),
                        java.util.concurrent.CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
                return;
            }
            answers.incrementAndGet();
            JsonNode page = read(r.body());
            if (page.get("items").size() == 0) {
                emptyAnswers.incrementAndGet();
            }
            for (JsonNode n : page.get("items")) {
                String booking = n.get("bookingId").asText();
                Long sent = sentAt.remove(booking);
                if (sent != null) {
                    long created = Instant.parse(n.get("createdAt").asText()).toEpochMilli();
                    eventDelays.add(new long[] {now - sent, now - created});
                } else if (booking.startsWith("BENCH-D-")) {
                    Long committed = sentAt.remove(booking + "#commit");
                    if (committed != null) {
                        directDelays.add(now - committed);
                    }
                }
            }
            hold(http, gw, token, page.get("cursor").asText());
        });
    }

    /** A notice committed the way message-service commits one (record, show: next number of the user, number it). */
    private void commitElsewhere(Connection db, String user, String booking) throws Exception {
        String id = "N-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO inbox_notice (id, user_id, source_key, kind, booking_id,"
                + " hospital_id, params, state, due_at, recorded_at, created_at) VALUES (?, ?, ?, 'REPORT_READY', ?, 'H001', '{}',"
                + " 'SHOWN', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), ?)");
             PreparedStatement next = db.prepareStatement("INSERT INTO inbox_user (user_id, last_seq, updated_at) VALUES (?, 1, NOW(3))"
                     + " ON DUPLICATE KEY UPDATE last_seq = last_seq + 1, updated_at = NOW(3)");
             PreparedStatement last = db.prepareStatement("SELECT last_seq FROM inbox_user WHERE user_id = ?");
             PreparedStatement number = db.prepareStatement("UPDATE inbox_notice SET seq = ? WHERE id = ?")) {
            insert.setString(1, id);
            insert.setString(2, user);
            insert.setString(3, "bench:" + id);
            insert.setString(4, booking);
            insert.setObject(5, java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            insert.executeUpdate();
            next.setString(1, user);
            next.executeUpdate();
            last.setString(1, user);
            long seq;
            try (ResultSet rs = last.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
            }
            number.setLong(1, seq);
            number.setString(2, id);
            number.executeUpdate();
            // taken just before the commit (an answer may come before this thread runs again)
            sentAt.put(booking + "#commit", System.currentTimeMillis());
            db.commit();
        } catch (Exception e) {
            db.rollback();
            throw e;
        }
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<String>> send(HttpClient http, String gw, String token, String cursor, int wait) {
        String q = "/api/app/inbox" + (cursor == null ? "" : "?after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) + "&wait=" + wait);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gw + q)).timeout(Duration.ofSeconds(WAIT + 15))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void get(HttpClient http, String gw, String token, String cursor, int wait) throws Exception {
        HttpResponse<String> r = send(http, gw, token, cursor, wait).get(30, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            throw new AssertionError("inbox answered " + r.statusCode() + ": " + r.body());
        }
    }

    record Measure(long gatewayRssKb, long gatewayHeapKb, int gatewayThreads, long messageRssKb, long messageHeapKb, int messageThreads) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "gateway RSS %d MB, live heap %.1f MB, %d threads; message-service RSS %d MB, live heap %.1f MB, %d threads",
                    gatewayRssKb / 1024, gatewayHeapKb / 1024.0, gatewayThreads, messageRssKb / 1024, messageHeapKb / 1024.0, messageThreads);
        }
    }

    /** RSS and threads from /proc; the live heap: what a class histogram counts (it runs a full GC first). */
    private static Measure measure(String gw, String ms, long gatewayPid, long messagePid) throws Exception {
        return new Measure(proc(gatewayPid, "VmRSS"), liveHeapKb(gatewayPid), (int) proc(gatewayPid, "Threads"),
                proc(messagePid, "VmRSS"), liveHeapKb(messagePid), (int) proc(messagePid, "Threads"));
    }

    private static long liveHeapKb(long pid) throws Exception {
        String[] lines = jcmd(pid, "GC.class_histogram").trim().split("\n");
        String[] total = lines[lines.length - 1].trim().split("\\s+");
        if (!total[0].equals("Total")) {
            throw new IOException("no histogram total from pid " + pid + ": " + lines[lines.length - 1]);
        }
        return Long.parseLong(total[total.length - 1]) / 1024;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** {@code -Dbench.histogram=true}: both processes' heap histograms (after a full GC) in target/bench-inbox/. */
    private static void histograms(String when, long gatewayPid, long messagePid) throws Exception {
        if (!Boolean.getBoolean("bench.histogram")) {
            return;
        }
        for (long pid : new long[] {gatewayPid, messagePid}) {
            Files.writeString(Path.of("target", "bench-inbox", "histogram-" + (pid == gatewayPid ? "gateway" : "message") + "-" + when + ".txt"),
                    jcmd(pid, "GC.class_histogram"));
        }
    }

    /** The process's threads by pool (name without its trailing number), from jcmd Thread.print. */
    private static Map<String, Integer> threads(long pid) throws Exception {
        Map<String, Integer> pools = new java.util.TreeMap<>();
        for (String l : jcmd(pid, "Thread.print").split("\n")) {
            if (l.startsWith("\"")) {
                String name = l.substring(1, l.indexOf('"', 1)).replaceAll("[-#_ ]?\\d+$", "").replaceAll("\\d+", "N");
                pools.merge(name, 1, Integer::sum);
            }
        }
        return pools;
    }

    private static long proc(long pid, String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    /** message-service's gauge of polls waiting in it. */
    private static int waiting(String ms) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ms + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String l : r.body().split("\n")) {
                if (l.startsWith("checkup_inbox_waiting")) {
                    return (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                }
            }
        } catch (Exception e) {
            // not yet
        }
        return -1;
    }






    private static JsonNode read(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private void line(String format, Object... args) {
        String l = String.format(Locale.ROOT, format, args);
        System.out.println(l);
        report.append(l).append('\n');
    }
}
