package com.checkup.localplatform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.checkup.platform.embedded.EmbeddedMariaDb;
import com.checkup.platform.embedded.LoopbackPorts;

/**
 * What {@code up} starts and where. Fixed default ports (documented in the README) — the only place in the project
 * with fixed ports; tests pick free ones. Every server binds 127.0.0.1.
 */
public record PlatformConfig(Path root, Path home, int zooKeeperPort, int namesrvPort, int brokerPort, int mariaDbPort,
                             int gatewayPort, List<ServiceSpec> services, Duration readyTimeout) {

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
        PlatformConfig base = new PlatformConfig(root, home, 2181, 9876, 10911, 3306, 9195, List.of(), Duration.ofSeconds(180));
        return base.withServices(base.builtServices());
    }

    /**
     * For tests: every port free at run time, data under {@code home}, and every built service module of {@code root}
     * on free ports too (the fixed defaults are for `up` only: the machine may be shared).
     */
    public static PlatformConfig onFreePorts(Path root, Path home) {
        PlatformConfig base = new PlatformConfig(root, home, LoopbackPorts.freePort(), LoopbackPorts.freePort(),
                LoopbackPorts.freePortWithNeighbours(-2, 1), LoopbackPorts.freePort(), LoopbackPorts.freePort(),
                List.of(), Duration.ofSeconds(180));
        List<ServiceSpec> specs = new ArrayList<>();
        for (Object[] s : KNOWN_SERVICES) {
            String name = (String) s[0];
            Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
            if (Files.isRegularFile(jar) && s[3] != null) {
                specs.add(base.javaService(name, jar, LoopbackPorts.freePort(), LoopbackPorts.freePort(), (String) s[3]));
            }
        }
        return base.withServices(specs);
    }

    public PlatformConfig withServices(List<ServiceSpec> s) {
        return new PlatformConfig(root, home, zooKeeperPort, namesrvPort, brokerPort, mariaDbPort, gatewayPort, s, readyTimeout);
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

    /** The command line of a Spring Boot service: lean JVM flags, loopback-only networking, platform addresses. */
    public ServiceSpec javaService(String name, Path jar, int httpPort, int dubboPort, String database) {
        List<String> cmd = new ArrayList<>(List.of(
                javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k",
                // Dubbo generates classes with javassist (e.g. for its Micrometer metrics): Java 17 needs this.
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true", "-Djdk.net.hosts.file=" + hostsFile(),
                "-Duser.home=" + home.resolve("home").resolve(name),
                "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + httpPort,
                "--dubbo.registry.address=" + registryUrl(),
                "--dubbo.config-center.address=" + registryUrl(),
                "--checkup.rocketmq.name-server=" + namesrvAddr(),
                "--checkup.demo-data=true",
                "--logging.file.name=" + logDir().resolve(name + ".app.log")));
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

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
