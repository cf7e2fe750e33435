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
        return connect(app, url, null, null);
    }

    /**
     * A connection of its own to the config center at {@code url} ({@code nacos://host:8848?namespace=checkup} in
     * k8s), signed in with the credentials when given. They are kept out of the address property so that no
     * configuration value or log line that shows an address shows a password.
     */
    public static DynamicConfiguration connect(ApplicationModel app, String url, String username, String password) {
        URL u = withCredentials(URL.valueOf(url), username, password).setScopeModel(app);
        return app.getExtensionLoader(DynamicConfigurationFactory.class)
                .getExtension(u.getProtocol())
                .getDynamicConfiguration(u);
    }

    /** The address with the credentials as its user info, where Dubbo's Nacos and ZooKeeper extensions read them. */
    static URL withCredentials(URL url, String username, String password) {
        if (username == null || username.isBlank()) {
            return url;
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("A config-center username is set but no password: set both or neither");
        }
        return url.setUsername(username).setPassword(password);
    }
}
