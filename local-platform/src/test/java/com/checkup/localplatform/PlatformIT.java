package com.checkup.localplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.platform.embedded.LoopbackPorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher for real: embedded ZooKeeper, RocketMQ and MariaDB on free ports, a service as a child JVM, readiness,
 * logs, state for status/down, ordered stop, data kept across restarts and wiped by --fresh, clear start-up errors.
 */
class PlatformIT {
    private final Path root = Path.of("target", "platform-it-" + ProcessHandle.current().pid()).toAbsolutePath();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(console, true, StandardCharsets.UTF_8));

    private PlatformConfig config(boolean failingService) {
        PlatformConfig base = PlatformConfig.onFreePorts(root, root.resolve(".local-platform"));
        int http = LoopbackPorts.freePort();
        List<String> cmd = List.of(PlatformConfig.javaExecutable(), "-cp", System.getProperty("java.class.path"),
                FakeService.class.getName(), Integer.toString(http), failingService ? "fail" : "ok");
        ServiceSpec svc = new ServiceSpec("fake-service", http, 0, "checkup_fake", cmd, "/actuator/health/readiness",
                base.logDir().resolve("fake-service.log"));
        return base.withServices(List.of(svc));
    }

    private static String query(PlatformConfig c, String sql) throws SQLException {
        try (Connection con = DriverManager.getConnection(c.jdbcUrl("checkup_fake"), "root", "");
                ResultSet rs = con.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void exec(PlatformConfig c, String sql) throws SQLException {
        try (Connection con = DriverManager.getConnection(c.jdbcUrl("checkup_fake"), "root", "")) {
            con.createStatement().execute(sql);
        }
    }

    @Test
    void upStartsEverythingKeepsDataAcrossRestartsAndStopsCleanly() throws Exception {
        // 1. First start: infrastructure + one service, ready, state written, status says so.
        PlatformConfig c1 = config(false);
        long servicePid;
        try (Platform p = new Platform(c1, progress)) {
            p.start(false);
            ServiceProcess svc = p.services().get(0);
            servicePid = svc.pid();
            assertThat(svc.isAlive()).isTrue();
            assertThat(ServiceProcess.probe(java.net.URI.create("http://127.0.0.1:" + c1.services().get(0).httpPort()
                    + "/actuator/health/readiness"))).isTrue();
            assertThat(Files.readString(c1.stateFile())).contains("ready=true").contains("service.fake-service.pid=" + servicePid);
            assertThat(Files.readString(c1.hostsFile())).contains("127.0.0.1 " + PlatformConfig.LOOPBACK_NAME);

            ByteArrayOutputStream status = new ByteArrayOutputStream();
            assertThat(LocalPlatform.status(root, new PrintStream(status, true, StandardCharsets.UTF_8))).isZero();
            assertThat(status.toString(StandardCharsets.UTF_8)).contains("all ready").contains("fake-service").contains("ready");

            exec(c1, "CREATE TABLE booking (id VARCHAR(20) PRIMARY KEY)");
            exec(c1, "INSERT INTO booking VALUES ('B-kept')");
        }
        // Stopped in order: the service got SIGTERM and is gone, state removed, ports free again.
        assertThat(ProcessHandle.of(servicePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(c1.services().get(0).logFile())).contains("fake service stopping (SIGTERM)");
        assertThat(c1.stateFile()).doesNotExist();
        assertThat(LoopbackPorts.isFree(c1.mariaDbPort())).isTrue();
        assertThat(LoopbackPorts.isFree(c1.zooKeeperPort())).isTrue();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .containsSubsequence("ZooKeeper", "fake-service", "ready", "fake-service", "stopped", "RocketMQ", "stopped");

        // 2. Restart without --fresh: the data is still there. A service that fails to start is reported with its
        //    log lines, and everything already started is stopped again.
        PlatformConfig c2 = config(true);
        Platform p2 = new Platform(c2, progress);
        assertThatThrownBy(() -> p2.start(false))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("fake-service exited with code 3")
                .hasMessageContaining("APPLICATION FAILED TO START");
        assertThat(LoopbackPorts.isFree(c2.mariaDbPort())).isTrue();

        PlatformConfig c3 = config(false);
        try (Platform p = new Platform(c3, progress)) {
            p.start(false);
            assertThat(query(c3, "SELECT id FROM booking")).isEqualTo("B-kept");
        }

        // 3. --fresh wipes the data.
        PlatformConfig c4 = config(false);
        try (Platform p = new Platform(c4, progress)) {
            p.start(true);
            assertThatThrownBy(() -> query(c4, "SELECT id FROM booking")).hasMessageContaining("doesn't exist");
        }
    }

    @Test
    void aTakenPortIsNamedBeforeAnythingStarts() throws Exception {
        PlatformConfig c = config(false);
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(c.mariaDbPort(), 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> new Platform(c, progress).start(false))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("port " + c.mariaDbPort())
                    .hasMessageContaining("MariaDB");
        }
        assertThat(LoopbackPorts.isFree(c.zooKeeperPort())).isTrue();
    }
}
