package com.checkup.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.platform.configcenter.ConfigCenter;
import com.checkup.platform.support.LoopbackNacos;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.config.configcenter.DynamicConfigurationFactory;
import org.apache.dubbo.common.utils.UrlUtils;
import org.apache.dubbo.config.AbstractConfig;
import org.apache.dubbo.config.ConfigCenterConfig;
import org.apache.dubbo.config.MetadataReportConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.metadata.report.MetadataReportFactory;
import org.apache.dubbo.registry.RegistryFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The k8s profile's values, turned into connections the way Dubbo and the platform turn them, reach a Nacos with the
 * right credentials: each of Dubbo's registry, config center and metadata report, and the platform's own config-center
 * connection (flags, flow rules) signs in at the loopback Nacos's login with the Secret's username and password. The
 * Nacos client is the real one (nacos-client 2.5.1 through Dubbo 3.3.5's extensions); nothing is mocked.
 */
class NacosWiringIT {
    private static final ExecutorService connecting = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "nacos-wiring");
        t.setDaemon(true);
        return t;
    });
    private final ApplicationModel app = ApplicationModel.defaultModel();

    @AfterAll
    static void stop() {
        connecting.shutdownNow();
    }

    private static Binder profile(LoopbackNacos nacos) {
        Map<String, Object> env = KubernetesProfileTest.deploymentEnv();
        env.put("NACOS_ADDRESS", nacos.address());
        return Binder.get(KubernetesProfileTest.environment(env, "k8s"));
    }

    /** Starts the connection (it then fails: no gRPC port behind the loopback login) and waits for its sign-in. */
    private static void assertSignsIn(LoopbackNacos nacos, Runnable connect) {
        connecting.submit(connect);
        // The client's own threads fail after the sign-in (nothing to reach behind it, and a client of an earlier test
        // shutting down its executors): Awaitility would fail the wait for any thread's uncaught exception, so only
        // the sign-in decides here.
        Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> !nacos.logins().isEmpty());
        assertThat(nacos.logins().get(0))
                .containsEntry("username", "checkup-services")
                .containsEntry("password", "s3cret:with@odd/chars");
    }

    @Test
    void dubbosRegistrySignsIn() throws Exception {
        try (LoopbackNacos nacos = new LoopbackNacos()) {
            RegistryConfig registry = profile(nacos).bind("dubbo.registry", RegistryConfig.class).get();
            // as Dubbo's ConfigValidationUtils.loadRegistries builds the registry URL from the config
            Map<String, String> params = new HashMap<>();
            AbstractConfig.appendParameters(params, registry);
            URL url = UrlUtils.parseURL(registry.getAddress(), params).setScopeModel(app);
            assertThat(url.getParameter("namespace")).isEqualTo("checkup");
            assertSignsIn(nacos, () -> app.getExtensionLoader(RegistryFactory.class).getExtension("nacos").getRegistry(url));
        }
    }

    @Test
    void dubbosConfigCenterSignsIn() throws Exception {
        try (LoopbackNacos nacos = new LoopbackNacos()) {
            ConfigCenterConfig cc = profile(nacos).bind("dubbo.config-center", ConfigCenterConfig.class).get();
            cc.setScopeModel(app);
            URL url = cc.toUrl();
            assertThat(url.getParameter("namespace")).isEqualTo("checkup");
            assertSignsIn(nacos, () -> app.getExtensionLoader(DynamicConfigurationFactory.class).getExtension("nacos")
                    .getDynamicConfiguration(url));
        }
    }

    @Test
    void dubbosMetadataReportSignsIn() throws Exception {
        try (LoopbackNacos nacos = new LoopbackNacos()) {
            MetadataReportConfig mr = profile(nacos).bind("dubbo.metadata-report", MetadataReportConfig.class).get();
            mr.setScopeModel(app);
            URL url = mr.toUrl();
            assertThat(url.getParameter("namespace")).isEqualTo("checkup");
            assertSignsIn(nacos, () -> app.getExtensionLoader(MetadataReportFactory.class).getExtension("nacos")
                    .getMetadataReport(url));
        }
    }

    @Test
    void thePlatformsConfigCenterForFlagsAndFlowRulesSignsIn() throws Exception {
        try (LoopbackNacos nacos = new LoopbackNacos()) {
            PlatformProperties.ConfigCenter cc = profile(nacos).bind("checkup", PlatformProperties.class).get().getConfigCenter();
            assertSignsIn(nacos, () -> ConfigCenter.connect(app, cc.getAddress(), cc.getUsername(), cc.getPassword()));
        }
    }
}
