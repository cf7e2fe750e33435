package com.checkup.platform.embedded;

import com.checkup.platform.schema.PlatformSchema;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONE real ZooKeeper, RocketMQ (name server + broker) and MariaDB per test JVM, started on first use on free
 * loopback ports under {@code target/embedded-infra} and shared by every test class (use
 * {@link EmbeddedInfraExtension}). The three start in parallel. They live until the JVM exits.
 */
public final class TestInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static volatile TestInfrastructure instance;

    private final EmbeddedZooKeeper zooKeeper;
    private final EmbeddedRocketMq rocketMq;
    private final EmbeddedMariaDb mariaDb;
    private final Map<String, HikariDataSource> dataSources = new ConcurrentHashMap<>();

    private TestInfrastructure(EmbeddedZooKeeper zk, EmbeddedRocketMq mq, EmbeddedMariaDb db) {
        this.zooKeeper = zk;
        this.rocketMq = mq;
        this.mariaDb = db;
    }

    public static TestInfrastructure get() {
        TestSecrets.ensureIdentityKey();
        TestInfrastructure i = instance;
        if (i == null) {
            synchronized (TestInfrastructure.class) {
                i = instance;
                if (i == null) {
                    i = start();
                    instance = i;
                }
            }
        }
        return i;
    }

    private static TestInfrastructure start() {
        long t0 = System.nanoTime();
        Path dir = Path.of(System.getProperty("checkup.infra.dir", "target/embedded-infra"))
                .toAbsolutePath().resolve(Long.toString(ProcessHandle.current().pid()));
        // Client libraries write their logs under user.home: keep them in target/ too.
        System.setProperty("rocketmq.client.logRoot", dir.resolve("logs").toString());
        System.setProperty("csp.sentinel.log.dir", dir.resolve("logs/sentinel").toString());
        CompletableFuture<EmbeddedZooKeeper> zk = CompletableFuture.supplyAsync(() -> unchecked(
                () -> EmbeddedZooKeeper.start(dir.resolve("zookeeper"), LoopbackPorts.freePort())));
        CompletableFuture<EmbeddedRocketMq> mq = CompletableFuture.supplyAsync(() -> unchecked(() -> {
            int broker = LoopbackPorts.freePortWithNeighbours(-2, 1);
            return EmbeddedRocketMq.start(dir.resolve("rocketmq"), LoopbackPorts.freePort(), broker);
        }));
        CompletableFuture<EmbeddedMariaDb> db = CompletableFuture.supplyAsync(() -> unchecked(
                () -> EmbeddedMariaDb.start(dir.resolve("mariadb/base"), dir.resolve("mariadb/data"),
                        LoopbackPorts.freePort(), true)));
        TestInfrastructure i = new TestInfrastructure(zk.join(), mq.join(), db.join());
        log.info("Test infrastructure up in {} ms: ZooKeeper {}, RocketMQ {}, MariaDB port {}",
                (System.nanoTime() - t0) / 1_000_000, i.zooKeeper.connectString(), i.rocketMq.namesrvAddr(),
                i.mariaDb.port());
        return i;
    }

    public EmbeddedZooKeeper zooKeeper() {
        return zooKeeper;
    }

    public EmbeddedRocketMq rocketMq() {
        return rocketMq;
    }

    public EmbeddedMariaDb mariaDb() {
        return mariaDb;
    }

    /**
     * A pooled DataSource on database {@code name} (created if needed), migrated with platform-kit's tables and
     * then the given Flyway locations. One pool per name per JVM.
     */
    public DataSource database(String name, String... migrationLocations) {
        return dataSources.computeIfAbsent(name, n -> {
            unchecked(() -> {
                mariaDb.createDatabase(n);
                return null;
            });
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(mariaDb.jdbcUrl(n));
            c.setUsername("root");
            c.setMaximumPoolSize(20);
            c.setPoolName("test-" + n);
            HikariDataSource ds = new HikariDataSource(c);
            PlatformSchema.migrate(ds, migrationLocations);
            return ds;
        });
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Step<T> s) {
        try {
            return s.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
