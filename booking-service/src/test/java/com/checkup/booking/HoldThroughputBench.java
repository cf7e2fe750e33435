package com.checkup.booking;

import static com.checkup.booking.BookingServiceFixture.as;
import static com.checkup.booking.BookingServiceFixture.newKey;
import static com.checkup.booking.BookingServiceFixture.request;
import static com.checkup.booking.BookingServiceFixture.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.booking.domain.Period;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.error.BusinessException;
import com.checkup.platform.embedded.TestInfrastructure;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Holds per second on one hot slot through Dubbo, against the raw database limit for the same conditional update +
 * booking insert, in one run on this machine. Not part of the test suite (no Test/IT suffix): run {@code bench/holds.sh}.
 * Every loop is bounded by a count and a time limit.
 */
class HoldThroughputBench {
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final int HOLDS = Integer.getInteger("bench.holds", 3000);
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("bench.seconds", 60));

    @Test
    void holdsPerSecondAgainstTheRawDatabaseLimit() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        try (BookingServiceFixture f = new BookingServiceFixture(infra, "booking_bench")) {
            BookingService bookings = f.bookings.get();
            f.hospital("HB1");
            LocalDate day = today().plusDays(2);
            String jdbcUrl = infra.mariaDb().jdbcUrl("booking_bench");

            // Warm-up (JIT, connection pools), on another slot.
            f.open("HB1", day, Period.AFTERNOON, 100_000, 0);
            run(THREADS, 300, i -> as("warm-" + i, () -> bookings.hold(request(newKey(), "HB1", "HB1-GEN", day, Period.AFTERNOON))));
            raw(jdbcUrl, "HB1", day, Period.AFTERNOON, THREADS, 300);

            // 1. Through Dubbo: the whole hold (validation, capacity, booking, 2 outbox rows, order created over Dubbo).
            f.open("HB1", day, Period.MORNING, 100_000, 0);
            Result dubbo = run(THREADS, HOLDS, i -> as("bench-" + i, () -> bookings.hold(request(newKey(), "HB1", "HB1-GEN", day, Period.MORNING))));
            assertThat(f.used("HB1", day, Period.MORNING, "TOTAL")).isEqualTo(f.bookingsHolding("HB1", day, Period.MORNING, "%"));

            // 2. Raw limit: the same conditional update + booking insert per transaction, JDBC straight to the database.
            LocalDate rawDay = day.plusDays(1);
            f.open("HB1", rawDay, Period.MORNING, 100_000, 0);
            Result raw = raw(jdbcUrl, "HB1", rawDay, Period.MORNING, THREADS, HOLDS);

            // 3. Oversell check under the same load: more callers than places.
            LocalDate tightDay = day.plusDays(3);
            int places = HOLDS / 4;
            f.open("HB1", tightDay, Period.MORNING, places, 0);
            Result tight = run(THREADS, places * 2, i -> as("tight-" + i, () -> bookings.hold(request(newKey(), "HB1", "HB1-GEN", tightDay, Period.MORNING))));
            int held = f.bookingsHolding("HB1", tightDay, Period.MORNING, "%");
            int used = f.used("HB1", tightDay, Period.MORNING, "TOTAL");

            String report = String.format(Locale.ROOT, """
                    hold benchmark: %d threads, %d holds per run, one hot slot
                      through Dubbo : %s
                      raw database  : %s
                      ratio         : %.2f of the raw limit (goal >= 0.60)
                      oversell check: %d places, %d attempts -> %d held, %d sold out, counter %d, other errors %d
                    machine: %d cores, %s, Java %s
                    """, THREADS, HOLDS, dubbo, raw, dubbo.perSecond() / raw.perSecond(), places, places * 2, held,
                    tight.soldOut(), used, tight.errors(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
            System.out.println(report);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "hold-benchmark.txt"), report);
            assertThat(held).isEqualTo(places).isEqualTo(used);
            assertThat(dubbo.errors()).isZero();
        }
    }

    interface Call {
        void run(int i) throws Exception;
    }

    record Result(int ok, int soldOut, int errors, double seconds, long p50Micros, long p99Micros) {
        double perSecond() {
            return ok / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d ok in %.1f s = %.0f holds/s (p50 %.1f ms, p99 %.1f ms)", ok, seconds,
                    perSecond(), p50Micros / 1000.0, p99Micros / 1000.0);
        }
    }

    /** Runs {@code total} calls on {@code threads} threads, stopping early at the time limit. */
    static Result run(int threads, int total, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger soldOut = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] latencies = new long[total];
        long deadline = System.nanoTime() + LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit((Callable<Void>) () -> {
                for (int i = next.getAndIncrement(); i < total && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        call.run(i);
                        ok.incrementAndGet();
                    } catch (BusinessException e) {
                        if ("SOLD_OUT".equals(e.getCode())) {
                            soldOut.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        int done = Math.min(total, next.get());
        long[] sorted = java.util.Arrays.copyOf(latencies, done);
        java.util.Arrays.sort(sorted);
        return new Result(ok.get(), soldOut.get(), errors.get(), seconds,
                sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1000, sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.99)] / 1000);
    }

    /** The database alone: one connection per thread, each transaction = conditional update + booking insert. */
    static Result raw(String jdbcUrl, String hospital, LocalDate day, Period period, int threads, int total) throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection c = DriverManager.getConnection(jdbcUrl, "root", "");
            c.setAutoCommit(false);
            connections.add(c);
        }
        ThreadLocal<Connection> mine = new ThreadLocal<>();
        AtomicInteger handedOut = new AtomicInteger();
        try {
            return run(threads, total, i -> {
                Connection c = mine.get();
                if (c == null) {
                    c = connections.get(handedOut.getAndIncrement());
                    mine.set(c);
                }
                try (PreparedStatement take = c.prepareStatement("UPDATE capacity_slot SET used = used + 1 WHERE hospital_id = ?"
                        + " AND slot_date = ? AND period = ? AND resource IN (?) AND used < total");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO booking (id, consumer_id, idempotency_key,"
                             + " request_fingerprint, hospital_id, package_id, slot_date, period, resources, amount_cents, status,"
                             + " examinee_name, examinee_gender, examinee_birth_date, id_number_enc, phone_enc, version, created_at,"
                             + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 30000, 'HELD', 'x', 'MALE', '1988-04-12', 'x', 'x',"
                             + " 0, NOW(3), NOW(3))")) {
                    take.setString(1, hospital);
                    take.setDate(2, Date.valueOf(day));
                    take.setString(3, period.name());
                    take.setString(4, "TOTAL");
                    if (take.executeUpdate() != 1) {
                        c.rollback();
                        throw new BusinessException(com.checkup.contracts.error.ErrorCode.SOLD_OUT, "full");
                    }
                    String id = "R" + UUID.randomUUID().toString().replace("-", "");
                    insert.setString(1, id);
                    insert.setString(2, "raw-" + i);
                    insert.setString(3, id);
                    insert.setString(4, "0".repeat(64));
                    insert.setString(5, hospital);
                    insert.setString(6, hospital + "-GEN");
                    insert.setDate(7, Date.valueOf(day));
                    insert.setString(8, period.name());
                    insert.executeUpdate();
                    c.commit();
                }
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }
}
