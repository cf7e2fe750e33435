package com.checkup.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.gateway.dubbo.RegistryEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.config.configcenter.DynamicConfigurationFactory;
import org.apache.dubbo.common.utils.UrlUtils;
import org.apache.dubbo.config.AbstractConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.registry.RegistryFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's k8s profile (application-k8s.yml on Spring Boot 2.3) with the environment a Deployment gives: what
 * address, namespace and credentials reach the registry and the config center, and that nacos-client, on this
 * island's class path, signs in with them on each path the gateway uses: ShenYu's apache-dubbo plugin (its
 * "register" string through Dubbo's RegistryConfig), the lane view (LiveLanes) and the config center (route data,
 * limits, lane rules, flags).
 */
class KubernetesProfileTest {
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

    private static ConfigurableApplicationContext k8s(Map<String, Object> env) {
        return new SpringApplicationBuilder(RegistryEndpoints.class).web(WebApplicationType.NONE).profiles("k8s")
                .properties(env).logStartupInfo(false).run();
    }

    private static Map<String, Object> deploymentEnv(String nacosAddress) {
        Map<String, Object> env = new HashMap<>();
        env.put("NACOS_ADDRESS", nacosAddress);
        env.put("NACOS_NAMESPACE", "checkup");
        env.put("NACOS_USERNAME", "checkup-gateway");
        env.put("NACOS_PASSWORD", "s3cret:with@odd\"chars");
        return env;
    }

    private static void assertSignsIn(LoopbackNacos nacos, Runnable connect) {
        connecting.submit(connect);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !nacos.logins().isEmpty());
        assertThat(nacos.logins().get(0))
                .containsEntry("username", "checkup-gateway")
                .containsEntry("password", "s3cret:with@odd\"chars");
    }

    @Test
    void theRegistryAndConfigCenterAreNacosInTheNamespaceWithTheSecretsCredentials() {
        try (ConfigurableApplicationContext ctx = k8s(deploymentEnv("nacos-headless.checkup-infra.svc:8848"))) {
            for (String name : new String[] {"registryEndpoint", "configCenterEndpoint"}) {
                URL url = ctx.getBean(name, RegistryEndpoint.class).url(app);
                assertThat(url.getProtocol()).isEqualTo("nacos");
                assertThat(url.getAddress()).isEqualTo("nacos-headless.checkup-infra.svc:8848");
                assertThat(url.getParameter("namespace")).isEqualTo("checkup");
                assertThat(url.getUsername()).isEqualTo("checkup-gateway");
                assertThat(url.getPassword()).isEqualTo("s3cret:with@odd\"chars");
            }
            assertThat(ctx.getEnvironment().getProperty("server.port")).isEqualTo("8080");
            assertThat(ctx.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void usersComeFromTheMountedSecretFileTheDeploymentNames(@TempDir Path mounted) throws Exception {
        // k8s/base/bff-gateway.yaml mounts Secret checkup-gateway-users (users.yml as application.yml) here
        Files.writeString(mounted.resolve("application.yml"), "checkup:\n  gateway:\n    users:\n"
                + "      - { username: desk.h009, passwordHash: 'pbkdf2$x', persona: DESK, tenant: H009 }\n");
        Map<String, Object> env = deploymentEnv("nacos:8848");
        env.put("spring.config.additional-location", "file:" + mounted + "/");
        try (ConfigurableApplicationContext ctx = k8s(env)) {
            assertThat(ctx.getEnvironment().getProperty("checkup.gateway.users[0].username")).isEqualTo("desk.h009");
            assertThat(ctx.getEnvironment().getProperty("checkup.gateway.users[0].tenant")).isEqualTo("H009");
        }
    }

    @Test
    void aMissingSecretStopsTheStart() {
        Map<String, Object> env = deploymentEnv("nacos:8848");
        env.remove("NACOS_PASSWORD");
        assertThatThrownBy(() -> k8s(env)).hasStackTraceContaining("unresolved placeholder, ${NACOS_PASSWORD}");
    }

    @Test
    void shenyusDubboPluginSignsIn() throws Exception {
        try (LoopbackNacos nacos = new LoopbackNacos(); ConfigurableApplicationContext ctx = k8s(deploymentEnv(nacos.address()))) {
            RegistryEndpoint endpoint = ctx.getBean("registryEndpoint", RegistryEndpoint.class);
            // ShenYu's ApacheDubboConfigCache: new RegistryConfig, setAddress(register), setProtocol(protocol); then
            // Dubbo builds the registry URL from that config as ConfigValidationUtils.loadRegistries does
            RegistryConfig config = new RegistryConfig();
            config.setAddress(endpoint.shenyuRegister());
            config.setProtocol(endpoint.protocol());
            Map<String, String> params = new HashMap<>();
            AbstractConfig.appendParameters(params, config);
            URL url = UrlUtils.parseURL(config.getAddress(), params).setScopeModel(app);
            assertSignsIn(nacos, () -> app.getExtensionLoader(RegistryFactory.class).getExtension("nacos").getRegistry(url));
        }
    }

    @Test
    void theLaneViewSignsIn() throws Exception {
        try (LoopbackNacos nacos = new LoopbackNacos(); ConfigurableApplicationContext ctx = k8s(deploymentEnv(nacos.address()))) {
            URL url = ctx.getBean("registryEndpoint", RegistryEndpoint.class).url(app);
            assertSignsIn(nacos, () -> app.getExtensionLoader(RegistryFactory.class).getAdaptiveExtension().getRegistry(url));
        }
    }

    @Test
    void theConfigCenterSignsIn() throws Exception {
        try (LoopbackNacos nacos = new LoopbackNacos(); ConfigurableApplicationContext ctx = k8s(deploymentEnv(nacos.address()))) {
            URL url = ctx.getBean("configCenterEndpoint", RegistryEndpoint.class).url(app);
            assertSignsIn(nacos, () -> app.getExtensionLoader(DynamicConfigurationFactory.class).getExtension("nacos")
                    .getDynamicConfiguration(url));
        }
    }
}
