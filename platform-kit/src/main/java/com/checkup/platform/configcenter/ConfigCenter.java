package com.checkup.platform.configcenter;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.dubbo.common.config.configcenter.DynamicConfigurationFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;

/**
 * Access to the config center through Dubbo's own abstraction only ({@code zookeeper://} locally,
 * {@code nacos://} in k8s): nothing in the platform talks to ZooKeeper or Nacos directly.
 */
public final class ConfigCenter {
    private ConfigCenter() {
    }

    /** The config center the running Dubbo application is connected to. */
    public static DynamicConfiguration ofApplication(ApplicationModel app) {
        return app.modelEnvironment().getDynamicConfiguration()
                .orElseThrow(() -> new IllegalStateException("Dubbo has no config center configured"));
    }

    /** A connection of its own to the config center at {@code url} (e.g. {@code zookeeper://127.0.0.1:2181}). */
    public static DynamicConfiguration connect(ApplicationModel app, String url) {
        URL u = URL.valueOf(url);
        return app.getExtensionLoader(DynamicConfigurationFactory.class)
                .getExtension(u.getProtocol())
                .getDynamicConfiguration(u);
    }
}
