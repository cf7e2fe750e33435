package com.checkup.localplatform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One service kept running the way Kubernetes keeps a container running: once it has been ready, a process that dies
 * (crash, SIGKILL, OOM) is restarted with exponential backoff, its log appended, readiness awaited again. A process
 * stopped on purpose ({@link #stop}, or the old one of a {@link #replace}) is not restarted.
 *
 * <p>One watcher thread per service. Every field is guarded by {@code this}; processes are started under the lock
 * so that {@link #stop} can never miss one that a restart is starting (their launch command, which may take seconds to
 * prepare, is worked out before the lock is taken).
 */
final class SupervisedService {
    /** Restart delays: {@code initial}, doubled after each restart up to {@code max}; back to {@code initial} once a
     *  process has stayed ready for {@code resetAfter}. */
    record Backoff(Duration initial, Duration max, Duration resetAfter) {
        static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** Told after every change worth writing down (new pid, exit, ready). */
    interface Listener {
        void changed();
    }

    private final Map<String, String> env;
    private final Progress progress;
    private final Duration readyTimeout;
    private final Backoff backoff;
    private final Listener listener;
    private ServiceSpec spec;
    private ServiceProcess current;
    /** The new process of a {@link #replace} until it is ready, so that {@link #stop} stops it too. */
    private ServiceProcess incoming;
    private boolean ready;
    private boolean stopping;
    private int restarts;
    private Integer lastExitCode;
    private Instant lastExitAt;
    private Instant readySince;
    private Duration nextDelay;
    private Thread watcher;

    SupervisedService(ServiceSpec spec, ServiceProcess first, Map<String, String> env, Progress progress,
                      Duration readyTimeout, Backoff backoff, Listener listener) {
        this.spec = spec;
        this.current = first;
        this.env = Map.copyOf(env);
        this.progress = progress;
        this.readyTimeout = readyTimeout;
        this.backoff = backoff;
        this.listener = listener;
        this.nextDelay = backoff.initial();
        wakeOnExit(first);
    }

    /** Starts watching; called once the first process is ready (a service that never got ready fails `up` instead). */
    synchronized void supervise() {
        if (watcher != null || stopping) {
            return;
        }
        ready = true;
        readySince = Instant.now();
        watcher = new Thread(this::watch, "supervise-" + spec.name());
        watcher.setDaemon(true);
        watcher.start();
    }

    private void wakeOnExit(ServiceProcess p) {
        p.onExit().thenRun(() -> {
            synchronized (this) {
                notifyAll();
            }
        });
    }

    private void watch() {
        try {
            while (true) {
                ServiceProcess dead;
                Duration delay;
                int code;
                synchronized (this) {
                    while (!stopping && current.isAlive()) {
                        wait();
                    }
                    if (stopping) {
                        return;
                    }
                    dead = current;
                    code = dead.exitCode();
                    lastExitCode = code;
                    lastExitAt = Instant.now();
                    if (readySince != null && Duration.between(readySince, lastExitAt).compareTo(backoff.resetAfter()) >= 0) {
                        nextDelay = backoff.initial();
                    }
                    delay = nextDelay;
                    Duration doubled = nextDelay.multipliedBy(2);
                    nextDelay = doubled.compareTo(backoff.max()) > 0 ? backoff.max() : doubled;
                    ready = false;
                    readySince = null;
                }
                listener.changed();
                progress.step(dead.spec().name(), "exited with code " + code + describe(code) + " (pid " + dead.pid()
                        + "); restarting in " + seconds(delay));
                ServiceProcess next;
                // Unpacking/checking the launch can take seconds: not under the lock that status and stop need.
                List<String> command = ServiceProcess.launchCommand(spec);
                synchronized (this) {
                    long end = System.nanoTime() + delay.toNanos();
                    for (long left = delay.toNanos(); !stopping && left > 0; left = end - System.nanoTime()) {
                        wait(Math.max(1, left / 1_000_000));
                    }
                    if (stopping) {
                        return;
                    }
                    if (current != dead) {
                        continue; // a replace put a new process in its place meanwhile
                    }
                    appendToLog("restarting " + spec.name() + " (restart " + (restarts + 1) + "): the previous process "
                            + dead.pid() + " exited with code " + lastExitCode + describe(lastExitCode) + " at " + lastExitAt);
                    restarts++;
                    try {
                        next = ServiceProcess.start(spec, command, env, true);
                    } catch (StartupException e) {
                        // Could not even launch it: counts as another exit, with a longer wait.
                        progress.step(spec.name(), "restart failed: " + e.getMessage());
                        continue;
                    }
                    current = next;
                    wakeOnExit(next);
                }
                listener.changed();
                progress.step(spec.name(), "restarted (pid " + next.pid() + ", restart " + restarts + "), waiting for readiness");
                awaitReadyAgain(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReadyAgain(ServiceProcess p) {
        try {
            p.awaitReady(readyTimeout);
        } catch (StartupException e) {
            if (p.isAlive()) {
                // Alive but never ready: treated like a failed liveness probe, killed and restarted.
                progress.step(spec.name(), "not ready after " + readyTimeout.toSeconds() + " s; killing pid " + p.pid());
                p.kill();
            }
            return; // the exit (if the process is still ours) is handled by the loop
        }
        synchronized (this) {
            if (p != current || stopping) {
                return;
            }
            ready = true;
            readySince = Instant.now();
        }
        listener.changed();
        progress.step(spec.name(), "ready again  http://127.0.0.1:" + spec.httpPort());
    }

    /** SIGKILL the current process, as a crash would; returns once it is dead. Supervision then restarts it. */
    void kill() {
        ServiceProcess p;
        synchronized (this) {
            p = current;
        }
        progress.step(spec.name(), "killing pid " + p.pid() + " (SIGKILL)");
        p.kill();
    }

    /**
     * A rolling update of this instance: a new process on fresh ports (same database and lane), awaited ready, then
     * the old one stopped gracefully and the new one supervised. Returns once the old process has exited. If the new one
     * does not get ready it is stopped again and the old one stays.
     */
    void replace(Duration grace) throws StartupException {
        ServiceSpec next = PlatformConfig.onFreshPorts(spec());
        List<String> command = ServiceProcess.launchCommand(next);
        ServiceProcess p;
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException(next.name() + " is stopping");
            }
            appendToLog("starting a new instance of " + next.name() + " on http " + next.httpPort()
                    + (next.dubboPort() > 0 ? ", dubbo " + next.dubboPort() : "") + " (rolling update)");
            p = ServiceProcess.start(next, command, env, true);
            incoming = p;
        }
        progress.step(next.name(), "rolling update: new pid " + p.pid() + " on http " + next.httpPort()
                + (next.dubboPort() > 0 ? ", dubbo " + next.dubboPort() : "") + ", waiting for readiness");
        try {
            p.awaitReady(readyTimeout);
        } catch (StartupException e) {
            synchronized (this) {
                incoming = null;
            }
            p.stop(grace);
            throw e;
        }
        ServiceProcess old;
        synchronized (this) {
            incoming = null;
            if (stopping) {
                p.stop(grace);
                throw new IllegalStateException(next.name() + " is stopping");
            }
            old = current;
            current = p;
            spec = next;
            wakeOnExit(p);
            ready = true;
            readySince = Instant.now();
        }
        listener.changed();
        progress.step(next.name(), "rolling update: new pid " + p.pid() + " ready; stopping old pid " + old.pid());
        // The watcher only restarts the current process: the old one's exit wakes it, and it finds the new one alive.
        old.stop(grace);
        progress.step(next.name(), "rolling update: old pid " + old.pid() + " stopped");
    }

    /** From now on, nothing of this service is restarted or started (a platform shutting down). */
    synchronized void stopSupervising() {
        stopping = true;
        notifyAll();
    }

    /** Stops whatever runs of this service and never restarts it again; waits for the watcher to end. */
    void stop(Duration grace) {
        ServiceProcess p;
        ServiceProcess q;
        Thread w;
        synchronized (this) {
            stopping = true;
            ready = false;
            notifyAll();
            p = current;
            q = incoming;
            w = watcher;
        }
        if (q != null) {
            q.stop(grace);
        }
        p.stop(grace);
        if (w != null) {
            try {
                w.join(grace.toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A restart may have been starting when we looked: it started under the lock before `stopping`, so it is
        // `current` now and stopped here.
        ServiceProcess last;
        synchronized (this) {
            last = current;
        }
        if (last != p) {
            last.stop(grace);
        }
    }

    synchronized ServiceSpec spec() {
        return spec;
    }

    synchronized ServiceProcess current() {
        return current;
    }

    /** Ready as far as supervision knows: the current process got ready and has not died since. */
    synchronized boolean ready() {
        return ready && current.isAlive() && !stopping;
    }

    synchronized ServiceState state() {
        return new ServiceState(spec.name(), current.pid(), spec.httpPort(), spec.dubboPort(), ready(), restarts, lastExitCode,
                lastExitAt);
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(spec.logFile(), System.lineSeparator() + "---- local-platform " + Instant.now() + ": " + line
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is for people; supervision goes on without the line
        }
    }

    static String describe(Integer code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case 137 -> " (SIGKILL)";
            case 143 -> " (SIGTERM)";
            case 134 -> " (SIGABRT)";
            default -> "";
        };
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
