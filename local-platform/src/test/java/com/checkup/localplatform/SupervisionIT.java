package com.checkup.localplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.platform.embedded.LoopbackPorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Supervision as `up` runs it, with stand-in services (child JVMs) on a real platform: a killed service is restarted
 * and ready again, restarts and the last exit show in `status`, a service that keeps dying waits longer each time,
 * a rolling update leaves exactly one process on new ports, and shutdown stops restarted processes and restarts none.
 */
class SupervisionIT {
    private final Path root = Path.of("target", "supervision-it-" + ProcessHandle.current().pid()).toAbsolutePath();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(console, true, StandardCharsets.UTF_8));
    private final Path crashMarker = root.resolve("fake-a.crash");

    private ServiceSpec fake(PlatformConfig base, String name, String... extra) {
        int http = LoopbackPorts.freePort();
        // The label goes first: the command line the OS reports may be cut short after the long class path.
        List<String> cmd = new ArrayList<>(List.of(PlatformConfig.javaExecutable(), "-Dfake.name=" + name,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FakeService.class.getName(), Integer.toString(http), "ok"));
        cmd.addAll(List.of(extra));
        return new ServiceSpec(name, http, 0, null, cmd, "/actuator/health/readiness", base.logDir().resolve(name + ".log"));
    }

    /** Live stand-in JVMs of one service, found by their command line (what a second, forgotten one would show). */
    private static List<ProcessHandle> processesOf(String name) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains("-Dfake.name=" + name + " ")).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private String status() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalPlatform.status(root, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private String statusLineOf(String name) {
        return status().lines().filter(l -> l.trim().startsWith(name + " ")).findFirst().orElse("(no line for " + name + ")");
    }

    /** The restart delays supervision announced for one service, in order. */
    private List<Double> announcedDelays(String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s+exited with code \\d+.*restarting in ([0-9.]+) s")
                .matcher(console.toString(StandardCharsets.UTF_8));
        List<Double> delays = new ArrayList<>();
        while (m.find()) {
            delays.add(Double.parseDouble(m.group(1)));
        }
        return delays;
    }

    @Test
    void servicesAreRestartedWithBackoffReplacedOnNewPortsAndAllStoppedAtShutdown() throws Exception {
        PlatformConfig base = PlatformConfig.onFreePorts(root, root.resolve(".local-platform"));
        ServiceSpec specA = fake(base, "fake-a", "crashIf=" + crashMarker);
        ServiceSpec specB = fake(base, "fake-b", "drain=3000");
        PlatformConfig config = base.withServices(List.of(specA, specB));
        // No reset within the test: the delays below are 0.2 s doubling, capped at 1.6 s.
        Platform platform = new Platform(config, progress).restartBackoff(Duration.ofMillis(200), Duration.ofMillis(1600),
                Duration.ofMinutes(10));
        try {
            platform.start(false);
            assertThat(statusLineOf("fake-a")).contains("ready").contains("restarts 0").doesNotContain("last exit");

            // 1. SIGKILL: restarted, ready again, counted; the log keeps both processes' lines and says why.
            long firstA = platform.state("fake-a").pid();
            platform.kill("fake-a");
            assertThat(alive(firstA)).isFalse();
            platform.awaitAllReady(Duration.ofSeconds(30));
            ServiceState a = platform.state("fake-a");
            assertThat(a.pid()).isNotEqualTo(firstA);
            assertThat(a.restarts()).isEqualTo(1);
            assertThat(a.lastExitCode()).isEqualTo(137);
            assertThat(processesOf("fake-a")).extracting(ProcessHandle::pid).containsExactly(a.pid());
            assertThat(Files.readString(specA.logFile()))
                    .containsSubsequence("fake service starting", "restarting fake-a (restart 1)", "exited with code 137",
                            "fake service starting");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusLineOf("fake-a"))
                    .contains("pid " + a.pid()).contains("ready").contains("restarts 1").contains("last exit 137 (SIGKILL) at "));

            // 2. One that keeps dying at start: each wait doubles up to the cap, and the waits really pass.
            Files.writeString(crashMarker, "crash");
            long killedAt = System.nanoTime();
            platform.kill("fake-a");
            await().atMost(Duration.ofSeconds(30)).until(() -> platform.state("fake-a").restarts() >= 5);
            double secondsTaken = (System.nanoTime() - killedAt) / 1e9;
            assertThat(announcedDelays("fake-a")).startsWith(0.2, 0.4, 0.8, 1.6, 1.6);
            // restarts 2..5 came after waits of 0.4 + 0.8 + 1.6 + 1.6 s
            assertThat(secondsTaken).isGreaterThanOrEqualTo(4.4);
            assertThat(platform.state("fake-a").lastExitCode()).isEqualTo(7);
            assertThat(platform.state("fake-a").ready()).isFalse();
            Files.delete(crashMarker);
            platform.awaitAllReady(Duration.ofSeconds(30));
            assertThat(processesOf("fake-a")).hasSize(1);

            // 3. Rolling update: a new process on new ports, the old one stopped gracefully and not restarted.
            ServiceState oldB = platform.state("fake-b");
            platform.replace("fake-b");
            ServiceState newB = platform.state("fake-b");
            assertThat(alive(oldB.pid())).isFalse();
            assertThat(newB.pid()).isNotEqualTo(oldB.pid());
            assertThat(newB.httpPort()).isNotEqualTo(oldB.httpPort());
            assertThat(ServiceProcess.probe(URI.create("http://127.0.0.1:" + newB.httpPort() + "/actuator/health/readiness"))).isTrue();
            assertThat(ServiceProcess.probe(URI.create("http://127.0.0.1:" + oldB.httpPort() + "/actuator/health/readiness"))).isFalse();
            assertThat(Files.readString(specB.logFile())).containsSubsequence("rolling update", "fake service stopping (SIGTERM)");
            // If the old one's exit were taken for a crash, a restart would follow within 0.2-1.6 s.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                    platform.state("fake-b").restarts() == 0
                            && processesOf("fake-b").stream().map(ProcessHandle::pid).toList().equals(List.of(newB.pid())));
            assertThat(Files.readString(config.stateFile())).contains("service.fake-b.pid=" + newB.pid())
                    .contains("service.fake-b.ready=http\\://127.0.0.1\\:" + newB.httpPort());
            platform.awaitAllReady(Duration.ofSeconds(5));

            // 4. Shutdown: fake-b drains for 3 s (stopped first, reverse order); fake-a dies meanwhile and is not restarted.
            long restartedA = platform.state("fake-a").pid();
            int restartsA = platform.state("fake-a").restarts();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(platform::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(specB.logFile()).lines()
                    .filter(l -> l.contains("fake service stopping (SIGTERM)")).count() == 2);
            int consoleBefore = console.toString(StandardCharsets.UTF_8).length();
            ProcessHandle.of(restartedA).ifPresent(ProcessHandle::destroyForcibly);
            closing.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(alive(restartedA)).isFalse();
            assertThat(alive(newB.pid())).isFalse();
            assertThat(processesOf("fake-a")).isEmpty();
            assertThat(processesOf("fake-b")).isEmpty();
            assertThat(platform.state("fake-a").restarts()).isEqualTo(restartsA);
            assertThat(console.toString(StandardCharsets.UTF_8).substring(consoleBefore)).doesNotContain("restarted");
            assertThat(config.stateFile()).doesNotExist();
        } finally {
            platform.close();
        }
    }
}
