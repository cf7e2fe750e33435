package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.localplatform.Platform;
import com.checkup.platform.embedded.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crash safety: consumers book through the gateway (hold → pay with the simulated channel → callback → CONFIRMED,
 * every second one then cancelled and refunded) while booking-, order- and payment-service are SIGKILLed one after
 * another and restarted by local-platform's supervision. Clients retry like people do (same Idempotency-Key, pay
 * again); what fails meanwhile is counted, not a failure. Then, once everything is ready and has settled, the ledger
 * in the databases must hold: capacity counters equal the live bookings, at most one successful payment per order,
 * money taken only for confirmed bookings (or given back), no hold past its expiry, every outbox drained.
 */
@ExtendWith(E2ePlatform.class)
class ChaosIT {
    private static final String HOSPITAL = "H003";
    /** Days nobody else books at H003, so the load never runs out of places and other tests keep theirs. */
    private static final int FIRST_DAY = 20;
    private static final int DAYS = 8;
    private static final List<String> CLIENTS = List.of("consumer1", "consumer2", "consumer1");
    private static final List<String> VICTIMS = List.of("booking-service", "order-service", "payment-service");
    private static final Duration MAX_LOAD = Duration.ofSeconds(200);
    private static final Duration READY_AGAIN = Duration.ofSeconds(150);
    /** booking-service's expiry sweep (interval 60 s, grace 60 s, application.yml): the latest a lost reminder is made up for. */
    private static final Duration SWEEP_LATEST = Duration.ofSeconds(125);
    private static final List<String> LIVE = List.of("HELD", "CONFIRMED", "CHECKED_IN", "COMPLETED", "NO_SHOW");
    private static final List<String> DATABASES = List.of("checkup_booking", "checkup_order", "checkup_payment",
            "checkup_message", "checkup_fulfillment", "checkup_hospital_sync");

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

    @Test
    void bookingFlowsThroughSigkillsOfBookingOrderAndPaymentLeaveTheLedgerConsistent() throws Exception {
        Platform platform = E2ePlatform.platform();
        platform.awaitAllReady(READY_AGAIN);
        long t0 = System.nanoTime();
        // A held place abandoned by a failed flow comes back after a minute (the smallest expiry ops may set), and
        // abandoned holds do not stop a client from booking meanwhile.
        setFlag("hold-expiry", "\"PT1M\"");
        setFlag("max-unpaid-holds", "20");
        try {
            awaitShortHoldExpiry();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS.size(), r -> {
                Thread t = new Thread(r, "chaos-client");
                t.setDaemon(true);
                return t;
            });
            long loadEnd = System.nanoTime() + MAX_LOAD.toNanos();
            for (int i = 0; i < CLIENTS.size(); i++) {
                String user = CLIENTS.get(i);
                int client = i;
                Http.token(user); // signed in before the chaos: login is not what is under test
                clients.submit(() -> runFlows(user, client, loadEnd));
            }
            List<String> timeline = new ArrayList<>();
            try {
                awaitConfirmed(2, Duration.ofSeconds(60), "before the first kill");
                for (String victim : VICTIMS) {
                    int before = platform.state(victim).restarts();
                    long pid = platform.state(victim).pid();
                    platform.kill(victim);
                    platform.awaitAllReady(READY_AGAIN);
                    assertThat(platform.state(victim).restarts()).as(victim + " restarted by supervision").isEqualTo(before + 1);
                    assertThat(platform.state(victim).pid()).isNotEqualTo(pid);
                    timeline.add(String.format("%s killed and ready again at %.0f s", victim, (System.nanoTime() - t0) / 1e9));
                }
                // Booking works again after all three came back.
                awaitConfirmed(confirmed.get() + 2, Duration.ofSeconds(90), "after the restarts");
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).as("client threads end their flows").isTrue();
            }
            System.out.printf("ChaosIT: %s; load ended at %.0f s: %d flows confirmed, %d of them cancelled, %d given up;"
                    + " client errors by step %s%n", timeline, (System.nanoTime() - t0) / 1e9, confirmed.get(),
                    cancelled.get(), gaveUp.get(), errors);

            // What must hold at every moment, crash or not.
            assertThat(capacityMismatches()).as("capacity counters vs live bookings").isEmpty();
            assertThat(doublePayments()).as("orders with more than one successful payment").isEmpty();

            // What must hold once the platform has caught up: expiries, refunds and events take their time.
            platform.awaitAllReady(READY_AGAIN);
            long settleDeadline = System.nanoTime() + Math.min(Duration.ofSeconds(240).toNanos(),
                    Math.max(0, secondsUntilLatestHoldExpiry()) * 1_000_000_000L + SWEEP_LATEST.toNanos());
            List<String> unsettled = unsettled();
            while (!unsettled.isEmpty() && System.nanoTime() < settleDeadline) {
                pause(1000);
                unsettled = unsettled();
            }
            assertThat(unsettled).as("ledger after the platform settled").isEmpty();
            assertThat(capacityMismatches()).as("capacity counters vs live bookings").isEmpty();
            assertThat(doublePayments()).as("orders with more than one successful payment").isEmpty();
            // The checks above looked at real data: what the clients saw done is in the ledger.
            assertThat(count("SELECT COUNT(*) FROM booking WHERE idempotency_key LIKE 'chaos-%' AND status = 'CONFIRMED'"))
                    .as("confirmed bookings in the database").isGreaterThanOrEqualTo(confirmed.get() - cancelled.get());
            assertThat(count("SELECT COUNT(*) FROM booking b JOIN checkup_order.orders o ON o.booking_id = b.id"
                    + " JOIN checkup_payment.payments p ON p.order_id = o.id WHERE b.idempotency_key LIKE 'chaos-%'"
                    + " AND p.status = 'REFUNDED' AND o.status = 'REFUNDED'")).as("refunds of cancelled bookings")
                    .isGreaterThanOrEqualTo(cancelled.get());
            assertThat(count("SELECT COUNT(*) FROM capacity_slot WHERE hospital_id = '" + HOSPITAL + "' AND resource = 'TOTAL'"
                    + " AND used > 0")).as("capacity rows in use").isPositive();
            System.out.printf("ChaosIT: settled and checked at %.0f s; bookings by status %s, payments by status %s%n",
                    (System.nanoTime() - t0) / 1e9,
                    rows("SELECT status, COUNT(*) FROM booking WHERE idempotency_key LIKE 'chaos-%' GROUP BY status"),
                    rows("SELECT p.status, COUNT(*) FROM checkup_payment.payments p JOIN checkup_order.orders o ON o.id = p.order_id"
                            + " JOIN booking b ON b.id = o.booking_id WHERE b.idempotency_key LIKE 'chaos-%' GROUP BY p.status"));
        } finally {
            setFlag("hold-expiry", "null");
            setFlag("max-unpaid-holds", "null");
            // The platform is shared by the run's other test classes: leave it whole.
            platform.awaitAllReady(READY_AGAIN);
        }
    }

    // ------------------------------------------------------------------ the clients

    private void runFlows(String user, int client, long loadEnd) {
        int n = 0;
        while (!stop.get() && System.nanoTime() < loadEnd) {
            LocalDate day = GatewayIT.inDays(FIRST_DAY + (client * 3 + n) % DAYS);
            String period = (n + client) % 2 == 0 ? "MORNING" : "AFTERNOON";
            try {
                flow(user, day, period, n % 2 == 0);
            } catch (RuntimeException | AssertionError e) {
                error("flow", e);
            }
            n++;
        }
    }

    /** One consumer's booking, retried the way the app and its user would. */
    private void flow(String user, LocalDate day, String period, boolean thenCancel) {
        Map<String, Object> body = new HashMap<>(GatewayIT.holdBody(day, HOSPITAL + "-BASIC"));
        body.put("hospitalId", HOSPITAL);
        body.put("period", period);
        String key = "chaos-" + UUID.randomUUID();
        Http.Response held = attempt("hold", () -> GatewayIT.hold(user, key, body, Map.of()), 4);
        if (held == null || held.status() != 200) {
            gaveUp.incrementAndGet();
            return;
        }
        String bookingId = held.json().get("bookingId").asText();
        String orderId = held.json().get("orderId").asText();
        Http.Response paid = attempt("pay", () -> Http.post(user, "/api/app/orders/" + orderId + "/pay",
                Map.of("channel", "SIMULATED")), 4);
        // CONFLICT: an earlier attempt went through (or the hold ran out); the booking's state tells.
        if (paid == null || (paid.status() != 200 && paid.status() != 409)) {
            gaveUp.incrementAndGet();
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        String status = "HELD";
        while (status.equals("HELD") && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            pause(300);
            Http.Response b = attempt("poll", () -> Http.get(user, "/api/app/bookings/" + bookingId), 1);
            if (b != null && b.status() == 200) {
                status = b.json().path("status").asText();
            }
        }
        if (!status.equals("CONFIRMED")) {
            gaveUp.incrementAndGet();
            return;
        }
        confirmed.incrementAndGet();
        if (thenCancel) {
            Http.Response c = attempt("cancel", () -> Http.post(user, "/api/app/bookings/" + bookingId + "/cancel",
                    Map.of("reason", "chaos test")), 4);
            if (c != null && c.status() == 200) {
                cancelled.incrementAndGet();
            }
        }
    }

    /**
     * A request repeated on a server error or a broken connection (what a crash looks like to a client), up to
     * {@code tries}; a 4xx answer is final. Null when every try failed.
     */
    private Http.Response attempt(String step, java.util.function.Supplier<Http.Response> request, int tries) {
        for (int i = 0; i < tries && !stop.get() || i == 0; i++) {
            try {
                Http.Response r = request.get();
                if (r.status() < 500) {
                    if (r.status() != 200) {
                        errors.computeIfAbsent(step + " " + r.status() + " " + code(r), k -> new AtomicInteger()).incrementAndGet();
                    }
                    return r;
                }
                errors.computeIfAbsent(step + " " + r.status() + " " + code(r), k -> new AtomicInteger()).incrementAndGet();
            } catch (RuntimeException | AssertionError e) {
                error(step, e);
            }
            pause(500);
        }
        return null;
    }

    private static String code(Http.Response r) {
        try {
            return r.code();
        } catch (AssertionError notJson) {
            return "(not JSON)";
        }
    }

    private void error(String step, Throwable e) {
        errors.computeIfAbsent(step + " " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
    }

    private void awaitConfirmed(int atLeast, Duration within, String when) {
        long deadline = System.nanoTime() + within.toNanos();
        while (confirmed.get() < atLeast && System.nanoTime() < deadline) {
            pause(200);
        }
        assertThat(confirmed.get()).as("bookings confirmed " + when + " (client errors so far: " + errors + ")")
                .isGreaterThanOrEqualTo(atLeast);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // a client's think time or a poll interval, never a wait for a state
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ flags

    private static void setFlag(String flag, String jsonValue) {
        Http.Response r = Http.send("PUT", "/api/ops/flags/" + HOSPITAL + "/" + flag, "ops1", Map.of(),
                "{\"value\":" + jsonValue + "}");
        assertThat(r.status()).as("flag " + flag + ": " + r).isEqualTo(200);
    }

    /** Flags reach booking-service through the config center within moments; until then holds keep 15 minutes. */
    private static void awaitShortHoldExpiry() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, Object> body = new HashMap<>(GatewayIT.holdBody(GatewayIT.inDays(FIRST_DAY + DAYS), HOSPITAL + "-BASIC"));
            body.put("hospitalId", HOSPITAL);
            Http.Response r = GatewayIT.hold("consumer2", "probe-" + UUID.randomUUID(), body, Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            String id = r.json().get("bookingId").asText();
            long expirySeconds = count("SELECT TIMESTAMPDIFF(SECOND, created_at, hold_expires_at) FROM booking WHERE id = '"
                    + id + "'");
            assertThat(Http.post("consumer2", "/api/app/bookings/" + id + "/cancel", Map.of()).status()).isEqualTo(200);
            if (expirySeconds <= 60) {
                return;
            }
            assertThat(System.nanoTime()).as("hold-expiry flag applied within 30 s").isLessThan(deadline);
            pause(500);
        }
    }

    // ------------------------------------------------------------------ the ledger

    /** Capacity rows whose {@code used} differs from the live bookings that took them (slots with a campaign share aside). */
    private static List<String> capacityMismatches() {
        return rows("SELECT * FROM (SELECT c.hospital_id, c.slot_date, c.period, c.resource, c.used, (SELECT COUNT(*) FROM booking b"
                + " WHERE b.hospital_id = c.hospital_id AND b.slot_date = c.slot_date AND b.period = c.period"
                + " AND b.status IN (" + quoted(LIVE) + ")"
                + " AND (c.resource = 'TOTAL' OR FIND_IN_SET(c.resource, b.resources) > 0)) AS live"
                + " FROM capacity_slot c WHERE NOT EXISTS (SELECT 1 FROM capacity_slot s WHERE s.hospital_id = c.hospital_id"
                + " AND s.slot_date = c.slot_date AND s.period = c.period AND s.resource LIKE 'SHARE:%')"
                + ") x WHERE x.used <> x.live");
    }

    /** Orders that took money more than once (a payment that succeeded, whether refunded since or not). */
    private static List<String> doublePayments() {
        return rows("SELECT order_id, GROUP_CONCAT(id), GROUP_CONCAT(status) FROM checkup_payment.payments"
                + " WHERE status IN ('SUCCEEDED', 'REFUND_PENDING', 'REFUNDED') GROUP BY order_id HAVING COUNT(*) > 1");
    }

    /**
     * What is not (yet) as it must end up, for the bookings of this test: each line names a booking or an outbox.
     * Empty once every hold has run its course, every payment agrees with its order and booking, and every event is out.
     */
    private static List<String> unsettled() {
        List<String> problems = new ArrayList<>();
        String chaos = " FROM booking b LEFT JOIN checkup_order.orders o ON o.booking_id = b.id"
                + " LEFT JOIN checkup_payment.payments p ON p.order_id = o.id AND p.status <> 'PENDING'"
                + " WHERE b.idempotency_key LIKE 'chaos-%'";
        // A hold ends: paid (CONFIRMED), cancelled or expired. After its expiry plus the sweep, none may be left HELD.
        problems.addAll(prefixed("hold not ended", rows("SELECT b.id, b.hold_expires_at, NOW(3)" + chaos
                + " AND b.status = 'HELD'")));
        // Every booking has its order (one created to be closed if order-service was away at the hold).
        problems.addAll(prefixed("booking without order", rows("SELECT b.id, b.status" + chaos + " AND o.id IS NULL")));
        // Confirmed: its order is paid, by a payment that succeeded.
        problems.addAll(prefixed("confirmed but not paid", rows("SELECT DISTINCT b.id, o.status, o.payment_id" + chaos
                + " AND b.status = 'CONFIRMED' AND NOT EXISTS (SELECT 1 FROM checkup_order.orders po"
                + " JOIN checkup_payment.payments pp ON pp.id = po.payment_id"
                + " WHERE po.booking_id = b.id AND po.status = 'PAID' AND pp.status = 'SUCCEEDED')")));
        // Money kept (SUCCEEDED) only for a paid order and a confirmed booking; anything else is given back.
        problems.addAll(prefixed("money kept without a place", rows("SELECT b.id, b.status, o.status, p.id" + chaos
                + " AND p.status = 'SUCCEEDED' AND NOT (b.status = 'CONFIRMED' AND o.status = 'PAID' AND o.payment_id = p.id)")));
        problems.addAll(prefixed("refund not finished", rows("SELECT b.id, b.status, o.status, p.id" + chaos
                + " AND p.status = 'REFUND_PENDING'")));
        // A refunded payment: the booking is gone and its order says so.
        problems.addAll(prefixed("refunded but booking kept", rows("SELECT b.id, b.status, o.status, p.id" + chaos
                + " AND p.status = 'REFUNDED' AND (b.status IN (" + quoted(LIVE) + ") OR o.status = 'PAID')")));
        // A payment closed with its order: the order is closed and the booking did not go on (nothing was taken).
        problems.addAll(prefixed("payment closed but order or booking live", rows("SELECT b.id, b.status, o.status, p.id"
                + chaos + " AND p.status = 'CLOSED' AND (o.status <> 'CLOSED' OR b.status IN (" + quoted(LIVE) + "))")));
        // A booking that ended unpaid has its order closed (so it cannot be paid any more).
        problems.addAll(prefixed("ended but order open", rows("SELECT b.id, b.status, o.status" + chaos
                + " AND b.status IN ('CANCELLED', 'EXPIRED') AND o.status IN ('CREATED', 'PAID')")));
        for (String db : DATABASES) {
            long pending = count(db, "SELECT COUNT(*) FROM outbox_event WHERE status = 'PENDING'");
            if (pending > 0) {
                problems.add("outbox of " + db + ": " + pending + " events not sent");
            }
        }
        return problems;
    }

    private static long secondsUntilLatestHoldExpiry() {
        return count("SELECT COALESCE(MAX(TIMESTAMPDIFF(SECOND, NOW(3), hold_expires_at)), 0) FROM booking"
                + " WHERE idempotency_key LIKE 'chaos-%' AND status = 'HELD'");
    }

    private static List<String> prefixed(String what, List<String> rows) {
        return rows.stream().map(r -> what + ": " + r).toList();
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(EmbeddedMariaDb.jdbcUrl(E2ePlatform.config().mariaDbPort(), database), "root", "");
    }

    /** Every row of a query on checkup_booking (other schemas by name), each as its columns joined. */
    private static List<String> rows(String sql) {
        try (Connection c = connect("checkup_booking"); PreparedStatement q = c.prepareStatement(sql);
             ResultSet rs = q.executeQuery()) {
            List<String> out = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                out.add(String.join(" ", row));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private static long count(String sql) {
        return count("checkup_booking", sql);
    }

    private static long count(String database, String sql) {
        try (Connection c = connect(database); PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }
}
