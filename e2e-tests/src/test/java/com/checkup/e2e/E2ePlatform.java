package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.localplatform.Platform;
import com.checkup.platform.context.InternalIdentity;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import com.checkup.localplatform.PlatformConfig;
import com.checkup.localplatform.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One platform for the whole e2e run, started by local-platform as `up` would (every packaged service its own JVM,
 * real ZooKeeper, RocketMQ, MariaDB, free ports), plus a second booking-service in lane {@code gray}, and the gateway
 * trusting 127.0.0.1 as its proxy. Started by the
 * first test class that asks, stopped when the run ends.
 */
public final class E2ePlatform implements BeforeAllCallback {
    public static final String GRAY = "gray";
    private static Platform platform;
    private static PlatformConfig config;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (platform != null) {
            return;
        }
        Path root = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();
        PlatformConfig c = PlatformConfig.onFreePorts(root, Path.of("target", "e2e-platform").toAbsolutePath())
                .withLanes(Map.of(GRAY, List.of("booking-service")), true)
                // The tests' client is the proxy in front of the gateway: an X-Forwarded-For it sends names the client
                // (SecurityIT); a request without one is the proxy's own, 127.0.0.1, as before.
                .withGatewayArguments("--checkup.gateway.trusted-proxies=127.0.0.1");
        assertThat(c.services()).extracting(ServiceSpec::name)
                .as("service jars (run `mvn verify`, which packages them first)")
                .contains("order-service", "payment-service", "booking-service", "message-service", "hospital-sync-service",
                        "fulfillment-service", "bff-gateway");
        Platform p = new Platform(c, System.out);
        p.start(true);
        platform = p;
        config = c;
        // Tests that call services over Dubbo to check what HTTP does not show act as a service of the platform: they
        // hold its internal identity key, read from the install's secrets like any service is handed it.
        InternalIdentity.install(secret("identity.key"));
        // Closed when the root context closes, i.e. after the last test class of the run.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("checkup-e2e-platform",
                (ExtensionContext.Store.CloseableResource) p::close);
    }

    /** One of the install's generated secrets (data/secrets.properties). */
    public static String secret(String name) {
        Properties secrets = new Properties();
        try (Reader r = Files.newBufferedReader(config.home().resolve("data").resolve("secrets.properties"))) {
            secrets.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets.getProperty(name);
    }

    public static PlatformConfig config() {
        return config;
    }

    /** The running platform, for tests that kill, replace or await its services. */
    public static Platform platform() {
        return platform;
    }

    public static String gatewayUrl() {
        return "http://127.0.0.1:" + config.gatewayPort();
    }

    public static Path logDir() {
        return config.home().resolve("logs");
    }
}
