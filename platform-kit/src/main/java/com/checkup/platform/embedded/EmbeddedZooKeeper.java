package com.checkup.platform.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/** A real ZooKeeper server in this JVM, on 127.0.0.1 only; Dubbo's registry and config center locally. */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private final ZooKeeperServerEmbedded server;
    private final int port;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedZooKeeper start(Path dataDir, int port) throws Exception {
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("clientPort", Integer.toString(port));
        p.setProperty("clientPortAddress", LoopbackPorts.LOOPBACK);
        p.setProperty("tickTime", "2000");
        p.setProperty("initLimit", "10");
        p.setProperty("syncLimit", "5");
        p.setProperty("maxClientCnxns", "0");
        // The admin server is a Jetty on 0.0.0.0:8080 by default: never wanted here.
        p.setProperty("admin.enableServer", "false");
        p.setProperty("4lw.commands.whitelist", "ruok,srvr,stat");
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                .baseDir(dataDir)
                .configuration(p)
                .exitHandler(ExitHandler.LOG_ONLY)
                .build();
        server.start(30_000);
        return new EmbeddedZooKeeper(server, port);
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public String connectString() {
        return LoopbackPorts.LOOPBACK + ":" + port;
    }

    /** Dubbo registry / config-center URL. */
    public String dubboUrl() {
        return "zookeeper://" + connectString();
    }

    @Override
    public void close() {
        server.close();
    }
}
