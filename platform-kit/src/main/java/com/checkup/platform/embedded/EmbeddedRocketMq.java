package com.checkup.platform.embedded;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.ServiceThread;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.slf4j.LoggerFactory;

/**
 * A real RocketMQ 5.4.0 name server and broker in this JVM, bound to 127.0.0.1, with lean store settings
 * (see docs/versions.md). SQL92 property filters are on: lanes depend on them.
 */
public final class EmbeddedRocketMq implements AutoCloseable {
    public static final String CLUSTER = "CheckupCluster";
    public static final String BROKER = "broker-a";

    private final NamesrvController namesrv;
    private final BrokerController broker;
    private final int namesrvPort;
    private final int brokerPort;

    private EmbeddedRocketMq(NamesrvController namesrv, BrokerController broker, int namesrvPort, int brokerPort) {
        this.namesrv = namesrv;
        this.broker = broker;
        this.namesrvPort = namesrvPort;
        this.brokerPort = brokerPort;
    }

    /**
     * Starts both servers. The broker also binds {@code brokerPort - 2} (its "fast" channel); the HA port
     * ({@code brokerPort + 1}) is configured but never opened (see {@link LoopbackOnlyHAService}).
     */
    public static EmbeddedRocketMq start(Path dir, int namesrvPort, int brokerPort) throws Exception {
        Files.createDirectories(dir);
        // The broker and its client libraries write logs and config under user.home unless told otherwise.
        System.setProperty("rocketmq.home.dir", dir.toString());
        // What BrokerStartup/NamesrvStartup do: every remoting command carries this version. Left unset it is 0, and
        // the name server reads the broker's registration as an ancient format (no topic routes), while clients
        // take the broker for one too old for SQL92 filters. (A client class in the same JVM sets it as a side
        // effect, which hides the problem in tests.)
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        // Left at its default ("permissive") each server (name server, broker) generates a self-signed RSA certificate
        // as it is built: about 1.5 s of CPU per start, for a TLS nobody uses. The servers bind 127.0.0.1 only and the
        // clients speak plain TCP.
        TlsSystemConfig.tlsMode = TlsMode.DISABLED;

        NamesrvConfig nsConfig = new NamesrvConfig();
        nsConfig.setRocketmqHome(dir.toString());
        nsConfig.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        nsConfig.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        // Thread pools sized for one machine's traffic, not a production cluster's: the defaults start some 120 threads
        // (32 for consumer offsets alone) that a local platform never keeps busy, each with its stack and allocator cache.
        nsConfig.setDefaultThreadPoolNums(2);
        nsConfig.setClientRequestThreadPoolNums(2);
        NettyServerConfig nsNetty = new NettyServerConfig();
        nsNetty.setServerWorkerThreads(2);
        nsNetty.setBindAddress(LoopbackPorts.LOOPBACK);
        nsNetty.setListenPort(namesrvPort);
        NamesrvController namesrv = new NamesrvController(nsConfig, nsNetty, new NettyClientConfig());
        if (!namesrv.initialize()) {
            throw new IllegalStateException("RocketMQ name server did not initialise");
        }
        namesrv.start();

        String namesrvAddr = LoopbackPorts.LOOPBACK + ":" + namesrvPort;
        BrokerConfig bc = new BrokerConfig();
        bc.setRocketmqHome(dir.toString());
        bc.setNamesrvAddr(namesrvAddr);
        bc.setBrokerIP1(LoopbackPorts.LOOPBACK);
        bc.setBrokerIP2(LoopbackPorts.LOOPBACK);
        bc.setBrokerClusterName(CLUSTER);
        bc.setBrokerName(BROKER);
        bc.setEnablePropertyFilter(true);
        bc.setAutoCreateTopicEnable(true);
        bc.setAutoCreateSubscriptionGroup(true);
        bc.setRegisterNameServerPeriod(10_000);
        bc.setTransactionCheckInterval(2_000);
        bc.setConsumerManageThreadPoolNums(2);
        bc.setClientManageThreadPoolNums(2);
        bc.setAdminBrokerThreadPoolNums(2);
        bc.setPullMessageThreadPoolNums(4);

        NettyServerConfig brokerNetty = new NettyServerConfig();
        brokerNetty.setServerWorkerThreads(4);
        brokerNetty.setBindAddress(LoopbackPorts.LOOPBACK);
        brokerNetty.setListenPort(brokerPort);
        NettyClientConfig brokerClient = new NettyClientConfig();

        MessageStoreConfig store = new MessageStoreConfig();
        Path storeDir = dir.resolve("store");
        store.setStorePathRootDir(storeDir.toString());
        store.setStorePathCommitLog(storeDir.resolve("commitlog").toString());
        store.setHaListenPort(brokerPort + 1);
        store.setMappedFileSizeCommitLog(16 * 1024 * 1024);
        store.setMappedFileSizeConsumeQueue(600_000);
        store.setMaxIndexNum(200_000);
        // Timer messages carry delayed events (hold expiry); small files keep a developer machine's disk and RSS low.
        store.setTimerWheelEnable(true);
        store.setMappedFileSizeTimerLog(16 * 1024 * 1024);
        // The timer wheel is a fixed 38.7 MB file (7 days of 1-second slots), and each flush compares all of it byte by
        // byte: about a fifth of a 2-core machine at the default 1 s interval. A local broker flushes once a minute
        // (after a crash the timer log is replayed from its checkpoint).
        store.setTimerFlushIntervalMs(60_000);
        // Keep a partly filled disk from turning the broker read-only on a developer machine.
        store.setDiskMaxUsedSpaceRatio(95);

        BrokerController broker = new BrokerController(bc, brokerNetty, brokerClient, store);
        if (!broker.initialize()) {
            throw new IllegalStateException("RocketMQ broker did not initialise");
        }
        stopTransactionMetricsFlush(broker);
        broker.start();
        EmbeddedRocketMq mq = new EmbeddedRocketMq(namesrv, broker, namesrvPort, brokerPort);
        mq.awaitBrokerRegistered(Duration.ofSeconds(30));
        return mq;
    }

    /**
     * RocketMQ 5.4.0's TransactionMetricsFlushService, started by {@code initialize()}, spins on one core without
     * waiting until its first flush is due (10 s): a whole core of a 2-core machine during every start, while the
     * services start too. It only persists metrics of transactional messages, which nothing here sends, so it is
     * stopped. There is no getter, hence the field.
     */
    private static void stopTransactionMetricsFlush(BrokerController broker) {
        try {
            Field field = BrokerController.class.getDeclaredField("transactionMetricsFlushService");
            field.setAccessible(true);
            Object service = field.get(broker);
            if (service instanceof ServiceThread thread) {
                thread.shutdown();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another RocketMQ version: the broker runs as it is (EmbeddedRocketMqIT says whether the thread is back).
            LoggerFactory.getLogger(EmbeddedRocketMq.class).warn("Could not stop the broker's transaction-metrics flush: {}", e.toString());
        }
    }

    /** Waits until the name server routes the broker's default topic (registration is asynchronous). */
    private void awaitBrokerRegistered(Duration timeout) throws InterruptedException {
        awaitRoute("TBW102", timeout);
    }

    private void awaitRoute(String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextRegister = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (namesrv.getRouteInfoManager().pickupTopicRouteData(topic) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No route for " + topic + " on the name server after " + timeout);
            }
            if (System.nanoTime() > nextRegister) {
                broker.registerBrokerAll(true, false, true);
                nextRegister = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            }
            Thread.sleep(20);
        }
    }

    public String namesrvAddr() {
        return LoopbackPorts.LOOPBACK + ":" + namesrvPort;
    }

    public int namesrvPort() {
        return namesrvPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    /** Creates (or updates) a topic with 4 queues and publishes the route, so producers and consumers find it now. */
    public void createTopic(String topic) {
        createTopic(topic, 4);
    }

    /** Creates (or updates) a topic with the given number of queues (1 gives a total order, for tests). */
    public void createTopic(String topic, int queues) {
        TopicConfig tc = new TopicConfig(topic, queues, queues);
        broker.getTopicConfigManager().updateTopicConfig(tc);
        broker.registerIncrementBrokerData(tc, broker.getTopicConfigManager().getDataVersion());
        try {
            awaitRoute(topic, Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    @Override
    public void close() {
        broker.shutdown();
        namesrv.shutdown();
    }
}
