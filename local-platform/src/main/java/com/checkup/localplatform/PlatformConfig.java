package com.checkup.localplatform;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.checkup.platform.embedded.EmbeddedMariaDb;
import com.checkup.platform.embedded.LoopbackPorts;

/**
 * What {@code up} starts and where. Fixed default ports (documented in the README) — the only place in the project
 * with fixed ports; tests pick free ones. Every server binds 127.0.0.1.
 */
public record PlatformConfig(Path root, Path home, int zooKeeperPort, int namesrvPort, int brokerPort, int mariaDbPort,
                             int gatewayPort, int simulatorPort, int weChatPayPort, List<ServiceSpec> services,
                             Duration readyTimeout) {
    /** System property with the demo data size for services ({@code up --demo-size small|large}); unset: small. */
    public static final String DEMO_SIZE = "checkup.demo-size";

    /** Loopback host name Dubbo binds and registers (it refuses 127.x and localhost); resolved by our hosts file. */
    public static final String LOOPBACK_NAME = "checkup-loopback";

    /** Service modules in start order, with their fixed local ports (HTTP, Dubbo). */
    static final List<Object[]> KNOWN_SERVICES = List.of(
            new Object[] {"order-service", 8101, 20881, "checkup_order"},
            new Object[] {"payment-service", 8102, 20882, "checkup_payment"},
            new Object[] {"message-service", 8103, 20883, "checkup_message"},
            new Object[] {"booking-service", 8104, 20884, "checkup_booking"},
            new Object[] {"hospital-sync-service", 8105, 20885, "checkup_hospital_sync"},
            new Object[] {"fulfillment-service", 8106, 20886, "checkup_fulfillment"},
            new Object[] {"bff-gateway", 9195, 0, null});

    public static PlatformConfig defaults(Path root) {
        Path home = root.resolve(".local-platform");
        PlatformConfig base = new PlatformConfig(root, home, 2181, 9876, 10911, 3306, 9195, 9300, 9301, List.of(),
                Duration.ofSeconds(180));
        return base.withServices(base.builtServices());
    }

    /**
     * For tests: every port free at run time, data under {@code home}, and every built service module of {@code root}
     * on free ports too (the fixed defaults are for `up` only: the machine may be shared).
     */
    public static PlatformConfig onFreePorts(Path root, Path home) {
        PlatformConfig base = new PlatformConfig(root, home, LoopbackPorts.freePort(), LoopbackPorts.freePort(),
                LoopbackPorts.freePortWithNeighbours(-2, 1), LoopbackPorts.freePort(), LoopbackPorts.freePort(),
                LoopbackPorts.freePort(), LoopbackPorts.freePort(), List.of(), Duration.ofSeconds(180));
        List<ServiceSpec> specs = new ArrayList<>();
        for (Object[] s : KNOWN_SERVICES) {
            String name = (String) s[0];
            Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
            if (Files.isRegularFile(jar)) {
                boolean gateway = s[3] == null;
                specs.add(base.javaService(name, jar, gateway ? base.gatewayPort() : LoopbackPorts.freePort(),
                        gateway ? 0 : LoopbackPorts.freePort(), (String) s[3]));
            }
        }
        return base.withServices(specs);
    }

    /**
     * The gateway started with these arguments too (e.g. {@code --checkup.gateway.trusted-proxies=127.0.0.1}, for a
     * test that is the proxy in front of it).
     */
    public PlatformConfig withGatewayArguments(String... arguments) {
        List<ServiceSpec> specs = new ArrayList<>();
        for (ServiceSpec s : services) {
            if (s.name().equals("bff-gateway")) {
                List<String> command = new ArrayList<>(s.command());
                command.addAll(List.of(arguments));
                s = new ServiceSpec(s.name(), s.httpPort(), s.dubboPort(), s.database(), List.copyOf(command),
                        s.readinessPath(), s.logFile());
            }
            specs.add(s);
        }
        return withServices(specs);
    }

    public PlatformConfig withServices(List<ServiceSpec> s) {
        return new PlatformConfig(root, home, zooKeeperPort, namesrvPort, brokerPort, mariaDbPort, gatewayPort, simulatorPort,
                weChatPayPort, s, readyTimeout);
    }

    Path dataDir() {
        return home.resolve("data");
    }

    Path logDir() {
        return home.resolve("logs");
    }

    Path hostsFile() {
        return home.resolve("hosts");
    }

    Path stateFile() {
        return home.resolve("state.properties");
    }

    public String registryUrl() {
        return "zookeeper://127.0.0.1:" + zooKeeperPort;
    }

    /** The hospital system simulator, run inside the platform's own JVM (H001 and H002 are connected to it). */
    public String simulatorUrl() {
        return "http://127.0.0.1:" + simulatorPort;
    }

    /** The WeChat Pay simulator (API v3), run inside the platform's own JVM: payment-service's WECHAT_PAY talks to it. */
    public String weChatPayUrl() {
        return "http://127.0.0.1:" + weChatPayPort;
    }

    public String namesrvAddr() {
        return "127.0.0.1:" + namesrvPort;
    }

    String jdbcUrl(String database) {
        return EmbeddedMariaDb.jdbcUrl(mariaDbPort, database);
    }

    /** Modules whose jar has been built ({@code <module>/target/<module>.jar}); the others are reported as skipped. */
    List<ServiceSpec> builtServices() {
        List<ServiceSpec> specs = new ArrayList<>();
        for (Object[] s : KNOWN_SERVICES) {
            String name = (String) s[0];
            Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
            if (Files.isRegularFile(jar)) {
                specs.add(javaService(name, jar, (Integer) s[1], (Integer) s[2], (String) s[3]));
            }
        }
        return specs;
    }

    /**
     * Adds an extra instance of each named service in a lane ({@code lane → services}): its own ports, Dubbo tag
     * {@code dubbo.provider.tag=<lane>}, no demo seeding (the baseline instance does that). Fixed ports for `up`
     * (the baseline's + 100 per lane), free ones for tests.
     */
    public PlatformConfig withLanes(Map<String, List<String>> lanes, boolean freePorts) {
        List<ServiceSpec> specs = new ArrayList<>(services);
        int offset = 0;
        for (Map.Entry<String, List<String>> lane : lanes.entrySet()) {
            offset += 100;
            for (String service : lane.getValue()) {
                ServiceSpec base = services.stream().filter(s -> s.name().equals(service)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("No built service '" + service + "' to run in lane " + lane.getKey()));
                if (base.dubboPort() <= 0) {
                    throw new IllegalArgumentException(service + " is not a Dubbo service; only services run in lanes");
                }
                Path jar = Path.of(base.command().get(base.command().indexOf("-jar") + 1));
                int http = freePorts ? LoopbackPorts.freePort() : base.httpPort() + offset;
                int dubbo = freePorts ? LoopbackPorts.freePort() : base.dubboPort() + offset;
                specs.add(javaService(service + "@" + lane.getKey(), jar, http, dubbo, base.database(), lane.getKey()));
            }
        }
        return withServices(specs);
    }

    /**
     * The same service on fresh free ports, for a second instance of it (a rolling update): same command line,
     * database, lane and log, only the HTTP and Dubbo port arguments changed.
     */
    static ServiceSpec onFreshPorts(ServiceSpec s) {
        int http = LoopbackPorts.freePort();
        int dubbo = s.dubboPort() > 0 ? LoopbackPorts.freePort() : 0;
        List<String> cmd = new ArrayList<>();
        boolean moved = false;
        for (String a : s.command()) {
            String b = a;
            if (a.equals(Integer.toString(s.httpPort()))) {
                b = Integer.toString(http); // a plain port argument (the launcher's test stand-in)
            } else if (a.equals("--server.port=" + s.httpPort())) {
                b = "--server.port=" + http;
            } else if (dubbo > 0 && a.equals("--dubbo.protocol.port=" + s.dubboPort())) {
                b = "--dubbo.protocol.port=" + dubbo;
            }
            moved |= !b.equals(a) && !a.startsWith("--dubbo");
            cmd.add(b);
        }
        if (!moved) {
            throw new IllegalArgumentException("Cannot tell the HTTP port of " + s.name() + " in its command line");
        }
        return new ServiceSpec(s.name(), http, dubbo, s.database(), List.copyOf(cmd), s.readinessPath(), s.logFile());
    }

    /** Parses {@code gray=booking-service,order-service} (the value of {@code up --lane}). */
    public static Map.Entry<String, List<String>> parseLane(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1 || !spec.substring(0, eq).matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("--lane takes <lane>=<service>[,<service>...], e.g. gray=booking-service");
        }
        return Map.entry(spec.substring(0, eq), List.of(spec.substring(eq + 1).split(",")));
    }

    /** The command line of a Spring Boot service: lean JVM flags, loopback-only networking, platform addresses. */
    public ServiceSpec javaService(String name, Path jar, int httpPort, int dubboPort, String database) {
        return javaService(name, jar, httpPort, dubboPort, database, null);
    }

    private ServiceSpec javaService(String name, Path jar, int httpPort, int dubboPort, String database, String lane) {
        List<String> cmd = new ArrayList<>(List.of(
                // The heap starts small and grows on demand up to its cap: a service's heap after start-up is ~60 MB
                // live, and starting at the cap let the young generation's churn touch ~50 MB more of it per JVM.
                javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms48m", "-Xmx256m", "-XX:MaxNewSize=12m", "-Xss512k",
                "-Dio.netty.allocator.numDirectArenas=1",
                // Dubbo generates classes with javassist (e.g. for its Micrometer metrics): Java 17 needs this.
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true", "-Djdk.net.hosts.file=" + hostsFile(),
                "-Duser.home=" + home.resolve("home").resolve(name)));
        // An operator's extra flags (e.g. -XX:NativeMemoryTracking=summary, a flight recording), after ours: the last wins.
        cmd.addAll(extraServiceJvmOptions());
        cmd.addAll(List.of(
                "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + httpPort,
                "--dubbo.registry.address=" + registryUrl(),
                "--dubbo.config-center.address=" + registryUrl(),
                "--checkup.rocketmq.name-server=" + namesrvAddr(),
                "--checkup.demo-data=" + (lane == null),
                // Two idle database connections per service instead of Hikari's ten: the pool still grows to ten
                // under load; at rest the other eight were ~50 server threads and their buffers for nothing.
                "--spring.datasource.hikari.minimum-idle=2",
                // Logs go to the console only, which up writes to logs/<name>.log (as k8s keeps a container's
                // output): a file appender besides wrote and formatted every line twice.
                "--checkup.data-dir=" + dataDir().resolve(name)));
        if (name.startsWith("hospital-sync-service")) {
            cmd.add("--checkup.sync.simulator-url=" + simulatorUrl());
            // The only hospital systems of the local platform: the simulator's address.
            cmd.add("--checkup.sync.connector-hosts=" + URI.create(simulatorUrl()).getAuthority());
            // The simulator is plain http on loopback; a real hospital system gets credentials over https only.
            cmd.add("--checkup.sync.credentials.allow-plain-http=true");
            // The simulator is ours and cheap to ask: hear of check-ins and reports within seconds, not minutes.
            cmd.add("--checkup.sync.status-pull.every=5s");
            cmd.add("--checkup.sync.status-pull.poll-interval=1000");
        }
        if (name.startsWith("message-service")) {
            // Simulated message providers, switched on explicitly: nothing leaves a local platform.
            cmd.add("--checkup.message.providers.sms=simulated");
            cmd.add("--checkup.message.providers.email=simulated");
            cmd.add("--checkup.message.providers.app-push=simulated");
        }
        if (name.startsWith("payment-service")) {
            // WeChat Pay's API is the local simulator; its notifications come in through the gateway, as WeChat's would.
            cmd.add("--checkup.payment.wechatpay.base-url=" + weChatPayUrl());
            cmd.add("--checkup.payment.wechatpay.notify-url=http://127.0.0.1:" + gatewayPort + "/api/payments/notify/WECHAT_PAY");
        }
        if (lane != null) {
            cmd.add("--dubbo.provider.tag=" + lane);
        }
        String demoSize = System.getProperty(DEMO_SIZE);
        if (lane == null && demoSize != null && !demoSize.isBlank()) {
            // Services that seed demo data per hospital read it; the others ignore it. A bad value fails their start.
            cmd.add("--checkup.demo-data.size=" + demoSize.trim());
        }
        if (database == null) {
            // The gateway checks connector flags against the same hosts hospital-sync-service will call.
            cmd.add("--checkup.gateway.connector-hosts=" + URI.create(simulatorUrl()).getAuthority());
            // The gateway: the demo profile holds the demo users.
            cmd.add("--spring.profiles.active=demo");
        }
        if (dubboPort > 0) {
            cmd.add("--dubbo.protocol.port=" + dubboPort);
        }
        if (database != null) {
            cmd.add("--spring.datasource.url=" + jdbcUrl(database));
            cmd.add("--spring.datasource.username=root");
        }
        return new ServiceSpec(name, httpPort, dubboPort, database, List.copyOf(cmd), "/actuator/health/readiness",
                logDir().resolve(name + ".log"));
    }

    /**
     * {@code -Dcheckup.service-jvm-options="..."} on the launcher ({@code CHECKUP_SERVICE_OPTS} of the script): flags
     * added to every service JVM, split at spaces. Only flags: a bare word would become the main class, and a class path
     * or jar of its own would replace the service.
     */
    static List<String> extraServiceJvmOptions() {
        String options = System.getProperty("checkup.service-jvm-options", "").strip();
        List<String> flags = options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
        for (String f : flags) {
            if (!f.startsWith("-") || List.of("-jar", "-cp", "-classpath", "--class-path").contains(f)) {
                throw new IllegalArgumentException("CHECKUP_SERVICE_OPTS (checkup.service-jvm-options) takes JVM flags, "
                        + "each starting with '-' (not -jar or a class path); '" + f + "' is not one");
            }
        }
        return flags;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
