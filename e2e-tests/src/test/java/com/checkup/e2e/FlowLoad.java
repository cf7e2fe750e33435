package com.checkup.e2e;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumers booking through the gateway while something happens to the platform: each client thread runs whole flows
 * (hold → pay with the simulated channel → poll until CONFIRMED → cancel, which frees the place and is refunded),
 * one after another, until stopped or its time is up. Every HTTP answer that is not a success, every connection
 * error, and every flow not confirmed within its deadline is recorded with its step: what a user would have seen fail.
 * Bounded: at most {@code maxRun}, one request at a time per thread.
 */
final class FlowLoad implements AutoCloseable {
    /** One thing a user saw fail. */
    record Failure(String step, String detail) {
        @Override
        public String toString() {
            return step + ": " + detail;
        }
    }

    record Result(int flowsDone, long requests, List<Failure> failures) {
    }

    private static final Duration CONFIRM_DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_EVERY = Duration.ofMillis(200);

    private final ExecutorService threads;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger flowsDone = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final long endNanos;

    /**
     * {@code clients} threads, alternating consumer1 and consumer2 (each may hold 3 unpaid places: at most 2 threads
     * each), booking {@code hospital} from {@code firstDay} days ahead over the 15 days after it, both periods.
     */
    private FlowLoad(int clients, String hospital, int firstDay, Duration maxRun) {
        if (clients > 4) {
            throw new IllegalArgumentException("at most 4 clients: two demo consumers, 3 unpaid holds each");
        }
        this.endNanos = System.nanoTime() + maxRun.toNanos();
        this.threads = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "flow-load");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < clients; i++) {
            String user = i % 2 == 0 ? "consumer1" : "consumer2";
            int client = i;
            Http.token(user); // signed in before the load: a login is not part of the flow under test
            threads.submit(() -> runFlows(user, client, hospital, firstDay));
        }
    }

    static FlowLoad start(int clients, String hospital, int firstDay, Duration maxRun) {
        return new FlowLoad(clients, hospital, firstDay, maxRun);
    }

    int flowsDone() {
        return flowsDone.get();
    }

    List<Failure> failuresSoFar() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Stops starting flows, lets the ones under way finish, and returns what happened. */
    Result stop() {
        stop.set(true);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(CONFIRM_DEADLINE.toSeconds() + 40, TimeUnit.SECONDS)) {
                failures.add(new Failure("stop", "a client thread did not finish its flow"));
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Result(flowsDone.get(), requests.get(), failuresSoFar());
    }

    @Override
    public void close() {
        stop();
    }

    private boolean running() {
        return !stop.get() && System.nanoTime() < endNanos;
    }

    private void runFlows(String user, int client, String hospital, int firstDay) {
        int n = 0;
        while (running()) {
            LocalDate day = GatewayIT.inDays(firstDay + (client * 4 + n) % 15);
            String period = n % 2 == 0 ? "MORNING" : "AFTERNOON";
            n++;
            try {
                if (flow(user, hospital, day, period)) {
                    flowsDone.incrementAndGet();
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add(new Failure("flow", e.toString()));
            }
        }
    }

    /** One flow; true when it went through. A failed step is recorded and ends the flow. */
    private boolean flow(String user, String hospital, LocalDate day, String period) {
        Map<String, Object> body = Map.of("hospitalId", hospital, "packageId", hospital + "-BASIC", "date", day.toString(),
                "period", period, "examinee", Map.of("name", "韩梅梅", "gender", "FEMALE", "birthDate", "1949-12-31",
                        "idNumber", "11010519491231002X", "phone", "13700001111"));
        Http.Response held = call("hold", () -> Http.send("POST", "/api/app/bookings", user,
                Map.of("Idempotency-Key", "load-" + UUID.randomUUID()), body));
        if (held == null) {
            return false;
        }
        String bookingId = held.json().get("bookingId").asText();
        String orderId = held.json().get("orderId").asText();
        if (call("pay", () -> Http.post(user, "/api/app/orders/" + orderId + "/pay", Map.of("channel", "SIMULATED"))) == null) {
            return false;
        }
        long deadline = System.nanoTime() + CONFIRM_DEADLINE.toNanos();
        while (true) {
            Http.Response b = call("poll", () -> Http.get(user, "/api/app/bookings/" + bookingId));
            if (b == null) {
                return false;
            }
            if ("CONFIRMED".equals(b.json().path("status").asText())) {
                break;
            }
            if (System.nanoTime() > deadline) {
                failures.add(new Failure("confirm", bookingId + " still " + b.json().path("status").asText()
                        + " after " + CONFIRM_DEADLINE.toSeconds() + " s"));
                return false;
            }
            pause();
        }
        return call("cancel", () -> Http.post(user, "/api/app/bookings/" + bookingId + "/cancel",
                Map.of("reason", "load test"))) != null;
    }

    private Http.Response call(String step, java.util.function.Supplier<Http.Response> request) {
        requests.incrementAndGet();
        try {
            Http.Response r = request.get();
            if (r.status() / 100 != 2) {
                failures.add(new Failure(step, r.status() + " " + abbreviate(r.text())));
                return null;
            }
            return r;
        } catch (RuntimeException | AssertionError e) {
            failures.add(new Failure(step, abbreviate(e.toString())));
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_EVERY.toMillis()); // a client's poll interval, not a wait for readiness
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
