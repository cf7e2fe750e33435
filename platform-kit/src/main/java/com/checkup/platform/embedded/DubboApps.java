package com.checkup.platform.embedded;

import com.checkup.platform.dubbo.DubboDefaults;
import java.util.ArrayList;
import java.util.List;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ProviderConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/** Test support: several Dubbo applications (providers or clients) in one JVM, each with its own port and (optional) lane tag. */
public final class DubboApps implements AutoCloseable {
    static {
        // Interface-level discovery keeps the tests independent of application-level metadata exchange.
        System.setProperty("dubbo.application.service-discovery.migration", "FORCE_INTERFACE");
        TestSecrets.ensureIdentityKey();
    }

    private final String registryUrl;
    private final List<DubboBootstrap> started = new ArrayList<>();

    public DubboApps(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    public App app(String name, String lane) {
        return new App(name, lane);
    }

    public final class App {
        private final DubboBootstrap bootstrap = DubboBootstrap.newInstance();

        private App(String name, String lane) {
            ApplicationConfig app = new ApplicationConfig(name);
            app.setQosEnable(false);
            app.setRegisterMode("interface");
            app.setEnableFileCache(false);
            RegistryConfig registry = new RegistryConfig(registryUrl);
            registry.setTimeout(10_000);
            ProtocolConfig protocol = new ProtocolConfig("dubbo", LoopbackPorts.freePort());
            ProviderConfig provider = new ProviderConfig();
            provider.setFilter(DubboDefaults.PROVIDER_FILTER);
            provider.setTimeout(5_000);
            if (lane != null) {
                provider.setTag(lane);
            }
            bootstrap.application(app).registry(registry).protocol(protocol).provider(provider);
        }

        public <T> App provide(Class<T> iface, T impl) {
            ServiceConfig<T> s = new ServiceConfig<>();
            s.setInterface(iface);
            s.setRef(impl);
            bootstrap.service(s);
            return this;
        }

        /** A lazily bound reference; valid once {@link #start()} ran. */
        public <T> ReferenceConfig<T> refer(Class<T> iface) {
            ReferenceConfig<T> r = new ReferenceConfig<>();
            r.setInterface(iface);
            r.setCheck(false);
            r.setRetries(0);
            r.setFilter(DubboDefaults.CONSUMER_FILTER);
            // Providers of other "applications" live in this JVM too: go over the network like real services do,
            // or Dubbo's in-JVM shortcut skips routing (and lanes) altogether.
            r.setScope("remote");
            bootstrap.reference(r);
            return r;
        }

        public App start() {
            bootstrap.start();
            started.add(bootstrap);
            return this;
        }

        public DubboBootstrap bootstrap() {
            return bootstrap;
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).destroy();
            } catch (RuntimeException ignored) {
                // best effort: the JVM ends with the tests anyway
            }
        }
    }
}
