package com.checkup.e2e;

import com.checkup.contracts.booking.BookingService;
import com.checkup.localplatform.Platform;
import com.checkup.localplatform.PlatformConfig;
import com.checkup.localplatform.ServiceSpec;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.LoopbackPorts;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Gateway overhead, in one run on this machine, for the same method ({@code BookingService.cities}, a small
 * catalogue read; what is judged is each gateway process's own CPU per request):
 * <ol>
 *   <li>through our gateway with every plugin on (edge filter + access log, errors, routing, JWT auth, lane,
 *       Sentinel limits, parameters, result), as a signed-in consumer;</li>
 *   <li>through a bare ShenYu gateway (same jar, {@code checkup.gateway.bare=true}: ShenYu's own context builder,
 *       param-transform, apache-dubbo and response plugins, none of ours);</li>
 *   <li>a direct Dubbo call from this JVM.</li>
 * </ol>
 * Throughput shifts with whatever else the shared cores run, so the figure the goal is judged on is the CPU time
 * each gateway process spends per request, read from its own counters ({@code /proc/<pid>/stat}) over each measured
 * round, ours and bare interleaved in the same run. The bench fails if ours exceeds bare by more than 15 % or any
 * request failed.
 * <p>
 * Not part of the test suite (no *Test/*IT suffix, which the build's surefire includes ask for): run by
 * {@code bench/gateway.sh}. Both gateways run with the same JVM flags (full JIT, as are the services); the load
 * client (plain HTTP/1.1 on keep-alive sockets) shares the machine. Every loop is bounded in time and count.
 */
class GatewayBench {
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    /** Warm-up rounds: each target in turn, as measured ones; the JIT of three JVMs shares two cores, so it takes a while (with 3, our gateway's CPU per request was still falling round after round). */
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmupRounds", 6);
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int MAX_REQUESTS = 5_000_000;

    /** The goal (issue 19): our gateway spends at most 15 % more CPU per request than bare ShenYu. */
    private static final double GOAL_CPU_RATIO = 1.15;

    /**
     * One measurement; {@code cpuTicks}: CPU time (user + system, all threads) of the gateway process serving it, over
     * the round, in clock ticks of /proc ({@code -1}: not a gateway).
     */
    record Figures(String name, int round, long requests, long errors, double seconds, long p50Micros, long p99Micros,
                   long cpuTicks) {
        double rps() {
            return requests / seconds;
        }

        double cpuMicrosPerRequest() {
            return requests == 0 ? 0 : ticksToMicros(cpuTicks) / requests;
        }

        String line() {
            return String.format(Locale.ROOT, "%-34s round %d  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%s",
                    name, round, rps(), p50Micros / 1000.0, p99Micros / 1000.0, errors,
                    cpuTicks < 0 ? "" : String.format(Locale.ROOT, "  CPU %5.0f µs/req (%.2f cores)",
                            cpuMicrosPerRequest(), ticksToMicros(cpuTicks) / 1e6 / seconds));
        }

        Figures withCpu(long ticks) {
            return new Figures(name, round, requests, errors, seconds, p50Micros, p99Micros, ticks);
        }
    }

    @Test
    void measure() throws Exception {
        Path root = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();
        PlatformConfig base = PlatformConfig.onFreePorts(root, Path.of("target", "bench-platform").toAbsolutePath());
        int barePort = LoopbackPorts.freePort();
        List<ServiceSpec> specs = new ArrayList<>();
        for (ServiceSpec s : base.services()) {
            if (s.name().equals("bff-gateway")) {
                List<String> ours = new ArrayList<>(jfr("gateway"));
                ours.addAll(gatewayFlags());
                specs.add(fullJit(s, s.name(), s.httpPort(), ours, s.readinessPath()));
                List<String> bare = new ArrayList<>(jfr("bare"));
                bare.addAll(gatewayFlags());
                bare.add("--checkup.gateway.bare=true");
                specs.add(fullJit(s, "bff-gateway-bare", barePort, bare, "/bench/cities"));
            } else {
                // Services with full JIT too: the gateway, not the service behind it, should be what limits the run.
                specs.add(fullJit(s, s.name(), s.httpPort(), List.of(), s.readinessPath()));
            }
        }
        PlatformConfig config = base.withServices(specs);
        try (Platform platform = new Platform(config, System.out); DubboApps dubbo = new DubboApps(config.registryUrl())) {
            platform.start(true);
            String token = login(config.gatewayPort());
            DubboApps.App app = dubbo.app("bench-client", null);
            var ref = app.refer(BookingService.class);
            app.start();
            BookingService direct = ref.get();

            long oursPid = pidServing(config.gatewayPort());
            long barePid = pidServing(barePort);
            List<Figures> all = new ArrayList<>();
            double[] idleTicksPerSecond = new double[2];
            for (int r = 1; r <= WARMUP_ROUNDS + ROUNDS; r++) {
                boolean warmUp = r <= WARMUP_ROUNDS;
                int round = warmUp ? r : r - WARMUP_ROUNDS;
                Duration d = MEASURE;
                // Interleaved, and in turn first: a round's order (JIT, GC, the other agents' load) favours neither.
                List<Figures> fs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    if ((i == 0) == (r % 2 == 1)) {
                        fs.add(withCpu(oursPid, () -> http("gateway, all our plugins", round, config.gatewayPort(), "/api/app/cities", token, d)));
                    } else {
                        fs.add(withCpu(barePid, () -> http("bare ShenYu dubbo route", round, barePort, "/bench/cities", null, d)));
                    }
                }
                // Neither gateway serves during the direct calls: what each spends idle (timers, registry, GC).
                long[] before = {cpuTicks(oursPid), cpuTicks(barePid)};
                Figures c = dubbo("direct Dubbo call", round, direct, d);
                if (!warmUp) {
                    idleTicksPerSecond[0] += (cpuTicks(oursPid) - before[0]) / c.seconds() / ROUNDS;
                    idleTicksPerSecond[1] += (cpuTicks(barePid) - before[1]) / c.seconds() / ROUNDS;
                }
                fs.add(c);
                for (Figures f : fs) {
                    System.out.println((warmUp ? "(warm-up) " : "") + f.line());
                    if (!warmUp) {
                        all.add(f);
                    }
                }
            }
            report(all, idleTicksPerSecond);
        }
    }

    interface Measurement {
        Figures run() throws InterruptedException;
    }

    /** The measurement, with the CPU time the gateway process spent over it (the load client runs in this JVM). */
    private static Figures withCpu(long pid, Measurement m) throws InterruptedException {
        long before = cpuTicks(pid);
        Figures f = m.run();
        return f.withCpu(cpuTicks(pid) - before);
    }

    /** The gateway JVM this bench started for that port (a child process: Platform starts each with ProcessBuilder). */
    private static long pidServing(int port) throws IOException {
        String arg = "--server.port=" + port;
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), StandardCharsets.UTF_8);
                if (Arrays.asList(cmdline.split("\0")).contains(arg)) {
                    return p.pid();
                }
            } catch (IOException e) {
                // gone meanwhile: not ours
            }
        }
        throw new IOException("no process of this bench serves port " + port);
    }

    /**
     * utime + stime of every thread of the process, from its own counters ({@code /proc/<pid>/stat}, fields 14 and
     * 15, in clock ticks): exact for the pid, whatever else runs on the machine.
     */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) is in parentheses and may hold spaces: count from after it (field 3 first)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK); -Dbench.clockTicks overrides it. */
    private static final int CLOCK_TICKS = Integer.getInteger("bench.clockTicks", 100);

    static double ticksToMicros(long ticks) {
        return ticks * 1e6 / CLOCK_TICKS;
    }

    /**
     * {@code -Dbench.jfr=true}: a JFR profile of each gateway, in target/bench-platform/gateway.jfr and bare.jfr (both,
     * so the recording's own cost weighs on each alike).
     */
    private static List<String> jfr(String name) {
        if (!Boolean.getBoolean("bench.jfr")) {
            return List.of();
        }
        return List.of("-XX:StartFlightRecording=settings=profile,filename="
                + Path.of("target", "bench-platform", name + ".jfr").toAbsolutePath());
    }

    /**
     * {@code -Dbench.gatewayFlags="-XX:MaxNewSize=86m ..."}: JVM flags for both gateways, after the services' own (the
     * later of two equal flags wins), e.g. to tell what a heap setting costs each.
     */
    private static List<String> gatewayFlags() {
        String flags = System.getProperty("bench.gatewayFlags", "").trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    private static ServiceSpec fullJit(ServiceSpec s, String name, int port, List<String> extra, String readiness) {
        List<String> cmd = new ArrayList<>();
        for (String a : s.command()) {
            if (a.equals("-XX:TieredStopAtLevel=1")) {
                continue;
            }
            cmd.add(a.startsWith("--server.port=") ? "--server.port=" + port : a);
        }
        for (String e : extra) {
            if (e.startsWith("-X")) {
                cmd.add(cmd.indexOf("-jar"), e);
            } else {
                cmd.add(e);
            }
        }
        return new ServiceSpec(name, port, s.dubboPort(), s.database(), List.copyOf(cmd), readiness, s.logFile().resolveSibling(name + ".log"));
    }

    private static String login(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"consumer1\",\"password\":\"consumer1-pass\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Http.JSON.readTree(r.body()).get("token").asText();
    }

    /** One load thread's connection: makes one call, says whether it succeeded. */
    interface Caller extends AutoCloseable {
        boolean call() throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    interface CallerFactory {
        Caller open() throws IOException;
    }

    /**
     * HTTP: each thread on its own keep-alive connection, sending the request and reading the whole response before
     * the next one; a plain HTTP/1.1 client, so the load generator costs little of the shared CPU.
     */
    private static Figures http(String name, int round, int port, String path, String token, Duration duration) throws InterruptedException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return load(name, round, duration, () -> {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            return new Caller() {
                @Override
                public boolean call() throws IOException {
                    out.write(request);
                    out.flush();
                    return readResponse(in) == 200;
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }
            };
        });
    }

    /** Reads one response (Content-Length bodies only, which both gateways send); returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        int length = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                String l = line.toString().trim();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                if (status < 0) {
                    status = Integer.parseInt(l.split(" ")[1]);
                } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(l.substring(15).trim());
                }
            } else {
                line.append((char) c);
            }
        }
        long skipped = 0;
        while (skipped < length) {
            long n = in.skip(length - skipped);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                n = 1;
            }
            skipped += n;
        }
        return status;
    }

    private static Figures dubbo(String name, int round, BookingService service, Duration duration) throws InterruptedException {
        return load(name, round, duration, () -> () -> !service.cities().isEmpty());
    }

    /** CONCURRENCY threads calling for the duration (and at most MAX_REQUESTS calls); latencies of the good ones. */
    private static Figures load(String name, int round, Duration duration, CallerFactory callers) throws InterruptedException {
        long[] latencies = new long[MAX_REQUESTS];
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        CountDownLatch finished = new CountDownLatch(CONCURRENCY);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int t = 0; t < CONCURRENCY; t++) {
            pool.execute(() -> {
                try (Caller caller = callers.open()) {
                    while (System.nanoTime() < end && done.get() < MAX_REQUESTS) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = caller.call();
                        } catch (RuntimeException e) {
                            ok = false;
                        }
                        if (ok) {
                            int i = done.getAndIncrement();
                            if (i < latencies.length) {
                                latencies[i] = System.nanoTime() - t0;
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return figures(name, round, latencies, Math.min(done.get(), latencies.length), errors.get(), seconds);
    }

    private static Figures figures(String name, int round, long[] latencies, int n, long errors, double seconds) {
        long[] l = Arrays.copyOf(latencies, n);
        Arrays.sort(l);
        long p50 = n == 0 ? 0 : l[(int) (n * 0.50)] / 1000;
        long p99 = n == 0 ? 0 : l[Math.min(n - 1, (int) (n * 0.99))] / 1000;
        return new Figures(name, round, n, errors, seconds, p50, p99, -1);
    }

    private static void report(List<Figures> all, double[] idleTicksPerSecond) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "GatewayBench: %d in flight, %d s per measurement, %d cores, Java %s%n",
                CONCURRENCY, MEASURE.toSeconds(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        if (!gatewayFlags().isEmpty()) {
            b.append("both gateways with ").append(String.join(" ", gatewayFlags())).append('\n');
        }
        for (Figures f : all) {
            b.append(f.line()).append('\n');
        }
        double ours = all.stream().filter(f -> f.name().startsWith("gateway")).mapToDouble(Figures::rps).average().orElse(0);
        double bare = all.stream().filter(f -> f.name().startsWith("bare")).mapToDouble(Figures::rps).average().orElse(0);
        double direct = all.stream().filter(f -> f.name().startsWith("direct")).mapToDouble(Figures::rps).average().orElse(0);
        b.append(String.format(Locale.ROOT, "mean req/s: ours %.0f, bare ShenYu %.0f, direct Dubbo %.0f%n", ours, bare, direct));
        b.append(String.format(Locale.ROOT, "our plugins cost %.1f%% of the bare ShenYu throughput (shared cores: read the CPU figure)%n",
                bare == 0 ? 100 : (1 - ours / bare) * 100));
        double oursCpu = cpuPerRequest(all, "gateway");
        double bareCpu = cpuPerRequest(all, "bare");
        double ratio = oursCpu / bareCpu;
        StringBuilder perRound = new StringBuilder();
        for (int r = 1; r <= ROUNDS; r++) {
            int round = r;
            double o = cpuPerRequest(all.stream().filter(f -> f.round() == round).toList(), "gateway");
            double n = cpuPerRequest(all.stream().filter(f -> f.round() == round).toList(), "bare");
            perRound.append(String.format(Locale.ROOT, " %.2f", o / n));
        }
        b.append(String.format(Locale.ROOT, "gateway CPU per request (utime+stime of its process over the rounds): ours %.0f µs, bare ShenYu %.0f µs%n",
                oursCpu, bareCpu));
        b.append(String.format(Locale.ROOT, "  idle (while neither serves): ours %.1f ms/s, bare %.1f ms/s%n",
                ticksToMicros(1) * idleTicksPerSecond[0] / 1000, ticksToMicros(1) * idleTicksPerSecond[1] / 1000));
        b.append(String.format(Locale.ROOT, "ours / bare CPU per request: %.3f (per round:%s; goal: at most %.2f)%n",
                ratio, perRound, GOAL_CPU_RATIO));
        long errors = all.stream().mapToLong(Figures::errors).sum();
        System.out.print(b);
        Path out = Path.of("target", "gateway-benchmark.txt");
        Files.writeString(out, b.toString());
        System.out.println("written to " + out.toAbsolutePath());
        if (errors > 0) {
            throw new AssertionError(errors + " requests failed; see above");
        }
        if (!(ratio <= GOAL_CPU_RATIO)) {
            throw new AssertionError(String.format(Locale.ROOT, "our gateway spends %.3f times the CPU per request of bare ShenYu (goal: at most %.2f)",
                    ratio, GOAL_CPU_RATIO));
        }
    }

    /** Total CPU over total requests of the measurements whose name starts so: every round weighs by its requests. */
    private static double cpuPerRequest(List<Figures> all, String prefix) {
        long ticks = 0;
        long requests = 0;
        for (Figures f : all) {
            if (f.name().startsWith(prefix)) {
                ticks += f.cpuTicks();
                requests += f.requests();
            }
        }
        return requests == 0 ? Double.NaN : ticksToMicros(ticks) / requests;
    }
}
