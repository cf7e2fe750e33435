package com.checkup.localplatform;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM: output to its log file, readiness probed over HTTP, stopped by pid. */
final class ServiceProcess {
    private final ServiceSpec spec;
    private final Process process;

    private ServiceProcess(ServiceSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    static ServiceProcess start(ServiceSpec spec, Map<String, String> env) throws StartupException {
        return start(spec, env, false);
    }

    /**
     * {@code appendLog}: a restart or a second instance keeps the log. The file is always opened in append mode (a
     * fresh start truncates it first): two processes of one service may write it at once during a rolling update, and a
     * writer at its own offset would overwrite the other's lines.
     */
    static ServiceProcess start(ServiceSpec spec, Map<String, String> env, boolean appendLog) throws StartupException {
        return start(spec, launchCommand(spec), env, appendLog);
    }

    /**
     * The command that starts the service: its own, or its unpacked form ({@link UnpackedJar}). Worked out before
     * {@link #start(ServiceSpec, List, Map, boolean)} and apart from it, because unpacking and checking an archive can
     * take seconds, which a caller holding a lock should not spend in it.
     */
    static List<String> launchCommand(ServiceSpec spec) {
        return UnpackedJar.expand(spec.command());
    }

    static ServiceProcess start(ServiceSpec spec, List<String> command, Map<String, String> env, boolean appendLog)
            throws StartupException {
        try {
            Files.createDirectories(spec.logFile().getParent());
            if (!appendLog && Files.exists(spec.logFile())) {
                // A new start begins a new log; the previous run's stays one more start, next to it.
                Files.move(spec.logFile(), spec.logFile().resolveSibling(spec.logFile().getFileName() + ".1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
            // Only the keys meant for this process: nothing of ours inherited from the shell that started `up`.
            pb.environment().keySet().removeIf(k -> k.startsWith("CHECKUP_"));
            pb.environment().putAll(env);
            return new ServiceProcess(spec, pb.start());
        } catch (IOException e) {
            throw new StartupException("Could not start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the readiness probe answers 200; fails at once if the process exits. */
    void awaitReady(Duration timeout) throws StartupException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = URI.create("http://127.0.0.1:" + spec.httpPort() + spec.readinessPath());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartupException(spec.name() + " exited with code " + process.exitValue()
                        + " while starting. Last lines of " + spec.logFile() + ":\n" + tail(spec.logFile(), 30));
            }
            if (probe(uri)) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("Interrupted while waiting for " + spec.name());
            }
        }
        throw new StartupException(spec.name() + " was not ready after " + timeout.toSeconds() + " s. Last lines of "
                + spec.logFile() + ":\n" + tail(spec.logFile(), 30));
    }

    static boolean probe(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGTERM (graceful: readiness down, Dubbo unregisters, in-flight calls finish), then kill after the grace. */
    void stop(Duration grace) {
        ProcessHandle h = process.toHandle();
        if (!h.isAlive()) {
            return;
        }
        h.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                h.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            h.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, as a crash would end it; returns once it is gone (at most 30 s). */
    void kill() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit code (128 + signal for a signal: 137 after SIGKILL); only once it has exited. */
    int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ServiceSpec spec() {
        return spec;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            Deque<String> last = new ArrayDeque<>();
            for (String l : all) {
                last.addLast("    " + l);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            return String.join("\n", last);
        } catch (IOException e) {
            return "    (log not readable: " + e.getMessage() + ")";
        }
    }
}
