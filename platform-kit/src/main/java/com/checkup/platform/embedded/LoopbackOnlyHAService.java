package com.checkup.platform.embedded;

import org.apache.rocketmq.store.ha.DefaultHAService;

/**
 * The embedded broker is a single node without replicas, yet RocketMQ's default HA service listens on
 * 0.0.0.0:haListenPort. This one keeps the bookkeeping threads and never opens that listener, so the broker binds
 * loopback only. Loaded by RocketMQ's ServiceProvider (META-INF/service) — present only where the broker runs.
 */
public class LoopbackOnlyHAService extends DefaultHAService {
    @Override
    public void start() throws Exception {
        this.groupTransferService.start();
        this.haConnectionStateNotificationService.start();
    }

    @Override
    public void shutdown() {
        destroyConnections();
        this.groupTransferService.shutdown();
        this.haConnectionStateNotificationService.shutdown();
    }
}
