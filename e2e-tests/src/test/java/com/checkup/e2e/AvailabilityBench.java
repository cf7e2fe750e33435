package com.checkup.e2e;

import static com.checkup.e2e.BenchSupport.percentile;
import static com.checkup.e2e.BenchSupport.pid;
import static com.checkup.e2e.BenchSupport.secret;
import static com.checkup.e2e.BenchSupport.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.localplatform.Platform;
import com.checkup.localplatform.PlatformConfig;
import com.checkup.localplatform.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Availability for one package over 7 days with the large demo seed (2,000 hospitals, 372,000 capacity rows), through
 * the gateway: the whole platform as {@code up --demo-size large} starts it (same JVM flags: C1, {@code -Xmx256m},
 * serial GC) on free loopback ports, then {@code bench.concurrency} (16) clients asking
 * {@code GET /api/app/availability?hospitalId=G….&packageId=G….-CT&from=today&to=today+6} for hospitals drawn at random
 * (fixed seed), until {@code bench.requests} (20,000) or {@code bench.seconds} (30 s), after {@code bench.warmup}
 * (2,000) unmeasured. Reports p50/p90/p99/max, requests/s, CPU time per request of the gateway and booking-service,
 * how long the large seed took in booking-service, and every service's RSS, threads and open sockets. Fails when p99
 * is 50 ms or more or any request failed. Not part of the test suite: run by {@code bench/availability.sh}.
 */
class AvailabilityBench {
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 2_000);
    private static final long P99_LIMIT_MS = 50;

    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        Path root = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();
        System.setProperty(PlatformConfig.DEMO_SIZE, "large");
        PlatformConfig config = PlatformConfig.onFreePorts(root, Path.of("target", "bench-availability").toAbsolutePath());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Platform platform = new Platform(config, System.out)) {
            long t0 = System.nanoTime();
            platform.start(true);
            line("AvailabilityBench: %d cores (%s), Java %s; platform with the large seed ready in %.1f s",
                    Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"), (System.nanoTime() - t0) / 1e9);
            ServiceSpec booking = spec(config, "booking-service");
            line("booking-service: %s", grep(booking.logFile(), "Large demo data ready"));
            line("hospital-sync-service: %s", grep(spec(config, "hospital-sync-service").logFile(), "Demo connectors of the"));
            String gw = "http://127.0.0.1:" + config.gatewayPort();
            String token = token(Base64.getDecoder().decode(secret(config, "jwt.secret")), "bench-availability");
            long gatewayPid = pid("bff-gateway.jar", "--server.port=" + config.gatewayPort());
            long bookingPid = pid("booking-service.jar", "--server.port=" + booking.httpPort());
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

            run(http, gw, token, today, WARMUP, 60, new Random(1), null);
            long[] cpu0 = {cpuMs(gatewayPid), cpuMs(bookingPid)};
            List<Long> micros = new ArrayList<>();
            long start = System.nanoTime();
            int[] outcome = run(http, gw, token, today, REQUESTS, SECONDS, new Random(2), micros);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] cpu1 = {cpuMs(gatewayPid), cpuMs(bookingPid)};
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            assertThat(sorted).as("requests answered").isNotEmpty();
            long p99 = percentile(sorted, 0.99);
            line("%d requests (%d failed) by %d clients in %.1f s: %.0f req/s; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                    outcome[0], outcome[1], CONCURRENCY, seconds, outcome[0] / seconds, percentile(sorted, 0.5) / 1e3,
                    percentile(sorted, 0.9) / 1e3, p99 / 1e3, sorted[sorted.length - 1] / 1e3);
            line("CPU per request: gateway %.2f ms, booking-service %.2f ms (utime+stime over the measured run)",
                    (cpu1[0] - cpu0[0]) / (double) outcome[0], (cpu1[1] - cpu0[1]) / (double) outcome[0]);
            for (ServiceSpec s : config.services()) {
                String jar = s.name() + ".jar";
                long pid;
                try {
                    pid = pid(jar, "--server.port=" + s.httpPort());
                } catch (AssertionError notRunning) {
                    continue;
                }
                line("%-24s RSS %4d MB, threads %3d, open sockets %3d", s.name(), proc(pid, "VmRSS") / 1024, proc(pid, "Threads"), sockets(pid));
            }
            Files.writeString(Path.of("target", "availability-benchmark.txt"), report);
            assertThat(outcome[1]).as("failed requests").isZero();
            assertThat(p99 / 1000).as("p99 in ms").isLessThan(P99_LIMIT_MS);
        } finally {
            System.clearProperty(PlatformConfig.DEMO_SIZE);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "availability-benchmark.txt"), report);
        }
    }

    /** Up to {@code count} requests or {@code seconds}, whichever ends first; latencies (µs) into {@code micros}. */
    private int[] run(HttpClient http, String gw, String token, LocalDate today, int count, int seconds, Random random,
                      List<Long> micros) throws Exception {
        String from = today.toString();
        String to = today.plusDays(6).toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger issued = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        List<List<Long>> perClient = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                List<Long> mine = new ArrayList<>();
                perClient.add(mine);
                long seed = random.nextLong();
                done.add(clients.submit(() -> {
                    Random r = new Random(seed);
                    while (issued.incrementAndGet() <= count && System.nanoTime() < deadline) {
                        String h = String.format("G%04d", 1 + r.nextInt(2000));
                        HttpRequest req = HttpRequest.newBuilder(URI.create(gw + "/api/app/availability?hospitalId=" + h
                                        + "&packageId=" + h + "-CT&from=" + from + "&to=" + to))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                            if (resp.statusCode() != 200 || !resp.body().contains("\"open\":true")) {
                                failed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        mine.add((System.nanoTime() - t) / 1000);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(seconds + 60L, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        int n = 0;
        for (List<Long> l : perClient) {
            n += l.size();
            if (micros != null) {
                micros.addAll(l);
            }
        }
        return new int[] {n, (int) failed.get()};
    }





    private static ServiceSpec spec(PlatformConfig config, String name) {
        return config.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** The first line of a service's log that has the text. */
    private static String grep(Path log, String text) throws IOException {
        for (Path p : List.of(log)) {
            if (Files.isRegularFile(p)) {
                try (Stream<String> lines = Files.lines(p)) {
                    String hit = lines.filter(l -> l.contains(text)).findFirst().orElse(null);
                    if (hit != null) {
                        return hit.substring(hit.indexOf(text));
                    }
                }
            }
        }
        return "(no line with '" + text + "')";
    }

    private static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command; clock ticks of 10 ms.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static long proc(long pid, String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    private static long sockets(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        System.out.println(s);
        report.append(s).append('\n');
    }
}
