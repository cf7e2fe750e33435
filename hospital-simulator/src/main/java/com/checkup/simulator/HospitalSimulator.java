package com.checkup.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for hospitals' own check-up systems, one HTTP server on 127.0.0.1 serving any number of hospitals under
 * {@code /hospitals/{hospitalId}}. What a connector of kind HTTP_JSON talks to:
 * <ul>
 *   <li>{@code PUT /hospitals/{h}/bookings/{bookingId}} (JSON booking): accept or update a booking; a repeat is
 *       harmless (the same booking id is one booking) and answers the same hospital reference;</li>
 *   <li>{@code DELETE /hospitals/{h}/bookings/{bookingId}}: cancel (repeats harmless);</li>
 *   <li>{@code GET /hospitals/{h}/bookings/{bookingId}}: its state: BOOKED, CANCELLED, CHECKED_IN, REPORT_READY.</li>
 * </ul>
 * A hospital may require an API key ({@code X-Api-Key}) on every call; without the right one the answer is 401.
 * And what tests and demos steer it with: {@code PUT /control/hospitals/{h}} {@code {"mode":"OK|FAIL|SLOW",
 * "delayMs":n, "apiKey":"..."|null}}, {@code GET /control/hospitals/{h}} (what it received), {@code POST
 * /control/hospitals/{h}/bookings/{b}/check-in} and {@code .../report} (the hospital's side moving on). The same
 * is available as Java methods for tests in one JVM.
 */
public final class HospitalSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HospitalSimulator.class);
    private static final Pattern BOOKING = Pattern.compile("^/hospitals/([A-Za-z0-9_-]{1,64})/bookings/([A-Za-z0-9_.:-]{1,64})$");
    private static final Pattern CONTROL = Pattern.compile("^/control/hospitals/([A-Za-z0-9_-]{1,64})(?:/bookings/([A-Za-z0-9_.:-]{1,64})/(check-in|report))?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a hospital's system behaves right now. */
    public enum Mode { OK, FAIL, SLOW }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Hospital> hospitals = new ConcurrentHashMap<>();

    private HospitalSimulator(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). */
    public static HospitalSimulator start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // Slow hospitals hold their threads: enough of them that a slow one never blocks answers for the others.
        ExecutorService pool = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "hospital-simulator");
            t.setDaemon(true);
            return t;
        });
        HospitalSimulator sim = new HospitalSimulator(server, pool);
        server.setExecutor(pool);
        server.createContext("/", sim::handle);
        server.start();
        log.info("Hospital simulator on http://127.0.0.1:{}", sim.port());
        return sim;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL a connector of hospital {@code hospitalId} is configured with. */
    public String baseUrl(String hospitalId) {
        return "http://127.0.0.1:" + port() + "/hospitals/" + hospitalId;
    }

    public void behave(String hospitalId, Mode mode, long delayMs) {
        Hospital h = hospital(hospitalId);
        h.mode = mode;
        h.delayMs = Math.max(0, Math.min(delayMs, 60_000));
    }

    /** Booking id → how many times it was pushed (accepted PUTs, repeats included). */
    public Map<String, Integer> pushes(String hospitalId) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        hospital(hospitalId).bookings.forEach((id, b) -> out.put(id, b.pushes.get()));
        return out;
    }

    /** Requests the hospital answered with a failure (FAIL mode) or after a delay (SLOW), all included. */
    public int requests(String hospitalId) {
        return hospital(hospitalId).requests.get();
    }

    public String state(String hospitalId, String bookingId) {
        Booking b = hospital(hospitalId).bookings.get(bookingId);
        return b == null ? null : b.state;
    }

    /** The hospital's own desk checks the examinee in (a connector pulls this). */
    public boolean checkIn(String hospitalId, String bookingId) {
        return move(hospitalId, bookingId, "CHECKED_IN");
    }

    public boolean reportReady(String hospitalId, String bookingId) {
        return move(hospitalId, bookingId, "REPORT_READY");
    }

    private boolean move(String hospitalId, String bookingId, String state) {
        Booking b = hospital(hospitalId).bookings.get(bookingId);
        if (b == null || "CANCELLED".equals(b.state)) {
            return false;
        }
        b.state = state;
        return true;
    }

    private Hospital hospital(String id) {
        return hospitals.computeIfAbsent(id, k -> new Hospital());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Matcher m = BOOKING.matcher(path);
            if (m.matches()) {
                hospitalCall(ex, method, hospital(m.group(1)), m.group(2));
                return;
            }
            m = CONTROL.matcher(path);
            if (m.matches()) {
                control(ex, method, m.group(1), m.group(2), m.group(3));
                return;
            }
            send(ex, 404, error("no such resource " + path));
        } catch (RuntimeException e) {
            log.warn("Simulator failed on {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            send(ex, 500, error("simulator error"));
        }
    }

    /** Makes the hospital's system require this API key on every call (null: none). */
    public void requireApiKey(String hospitalId, String apiKey) {
        hospital(hospitalId).apiKey = apiKey;
    }

    /** Calls the hospital refused for a missing or wrong API key. */
    public int unauthorized(String hospitalId) {
        return hospital(hospitalId).unauthorized.get();
    }

    private void hospitalCall(HttpExchange ex, String method, Hospital h, String bookingId) throws IOException {
        h.requests.incrementAndGet();
        String key = h.apiKey;
        if (key != null && !java.security.MessageDigest.isEqual(key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                String.valueOf(ex.getRequestHeaders().getFirst("X-Api-Key")).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            h.unauthorized.incrementAndGet();
            send(ex, 401, error("a valid X-Api-Key is required"));
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        if (h.mode == Mode.SLOW || h.delayMs > 0) {
            try {
                Thread.sleep(h.delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (h.mode == Mode.FAIL) {
            send(ex, 503, error("the hospital system is down"));
            return;
        }
        switch (method) {
            case "PUT": {
                JsonNode booking;
                try {
                    booking = JSON.readTree(body);
                } catch (IOException e) {
                    send(ex, 400, error("not JSON"));
                    return;
                }
                if (booking == null || !booking.isObject() || !booking.hasNonNull("date") || !booking.hasNonNull("examineeName")) {
                    send(ex, 400, error("a booking needs date and examineeName"));
                    return;
                }
                Booking b = h.bookings.computeIfAbsent(bookingId, k -> new Booking("HIS-" + h.sequence.incrementAndGet()));
                synchronized (b) {
                    b.pushes.incrementAndGet();
                    b.last = booking;
                    if ("CANCELLED".equals(b.state)) {
                        b.state = "BOOKED";
                    }
                }
                send(ex, 200, view(bookingId, b));
                return;
            }
            case "DELETE": {
                Booking b = h.bookings.computeIfAbsent(bookingId, k -> new Booking("HIS-" + h.sequence.incrementAndGet()));
                b.state = "CANCELLED";
                send(ex, 200, view(bookingId, b));
                return;
            }
            case "GET": {
                Booking b = h.bookings.get(bookingId);
                send(ex, b == null ? 404 : 200, b == null ? error("unknown booking") : view(bookingId, b));
                return;
            }
            default:
                send(ex, 405, error("method not allowed"));
        }
    }

    private void control(HttpExchange ex, String method, String hospitalId, String bookingId, String action) throws IOException {
        if (bookingId != null) {
            if (!"POST".equals(method)) {
                send(ex, 405, error("POST only"));
                return;
            }
            boolean moved = "check-in".equals(action) ? checkIn(hospitalId, bookingId) : reportReady(hospitalId, bookingId);
            send(ex, moved ? 200 : 404, moved ? view(bookingId, hospital(hospitalId).bookings.get(bookingId)) : error("unknown booking"));
            return;
        }
        if ("PUT".equals(method)) {
            JsonNode n;
            try {
                n = JSON.readTree(ex.getRequestBody().readAllBytes());
                Mode mode = Mode.valueOf(n.path("mode").asText("OK").toUpperCase());
                behave(hospitalId, mode, n.path("delayMs").asLong(mode == Mode.SLOW ? 5_000 : 0));
                if (n.has("apiKey")) {
                    requireApiKey(hospitalId, n.get("apiKey").isNull() ? null : n.get("apiKey").asText());
                }
            } catch (IOException | IllegalArgumentException e) {
                send(ex, 400, error("body: {\"mode\": \"OK|FAIL|SLOW\", \"delayMs\": n}"));
                return;
            }
        } else if (!"GET".equals(method)) {
            send(ex, 405, error("GET or PUT"));
            return;
        }
        Hospital h = hospital(hospitalId);
        ObjectNode out = JSON.createObjectNode();
        out.put("hospitalId", hospitalId);
        out.put("mode", h.mode.name());
        out.put("delayMs", h.delayMs);
        out.put("requests", h.requests.get());
        out.put("requiresApiKey", h.apiKey != null);
        out.put("unauthorized", h.unauthorized.get());
        List<JsonNode> bookings = new ArrayList<>();
        new java.util.TreeMap<>(h.bookings).forEach((id, b) -> bookings.add(view(id, b)));
        out.set("bookings", JSON.valueToTree(bookings));
        send(ex, 200, out);
    }

    private static ObjectNode view(String bookingId, Booking b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("bookingId", bookingId);
        n.put("hospitalRef", b.ref);
        n.put("state", b.state);
        n.put("pushes", b.pushes.get());
        return n;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private static final class Hospital {
        volatile Mode mode = Mode.OK;
        volatile long delayMs;
        /** When set, every call must carry it as {@code X-Api-Key} (else 401), like a real hospital system's API. */
        volatile String apiKey;
        final AtomicInteger unauthorized = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger sequence = new AtomicInteger();
        final Map<String, Booking> bookings = new ConcurrentHashMap<>();
    }

    private static final class Booking {
        final String ref;
        final AtomicInteger pushes = new AtomicInteger();
        volatile String state = "BOOKED";
        volatile JsonNode last;

        Booking(String ref) {
            this.ref = ref;
        }
    }
}
