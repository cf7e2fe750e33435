package com.checkup.platform.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.support.AbstractRegistry;
import org.apache.dubbo.registry.support.RegistryManager;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness from the registry's point of view (real ZooKeeper): exported and listed, or why not. */
@ExtendWith(EmbeddedInfraExtension.class)
class ProviderRegistrationIT {

    @Test
    void usableOnlyWhileItsAddressIsInTheRegistry(TestInfrastructure infra) {
        try (DubboApps apps = new DubboApps(infra.zooKeeper().dubboUrl())) {
            DubboApps.App app = apps.app("registration-probe", null)
                    .provide(Hops.HopC.class, new Hops.Impl("C", null, null));
            ApplicationModel model = app.bootstrap().getApplicationModel();
            ProviderRegistration registration = new ProviderRegistration(model, 1);

            assertThat(registration.notUsable()).as("before export")
                    .containsExactly(Hops.HopC.class.getName() + ": not exported");

            app.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> registration.notUsable().isEmpty());
            assertThat(new ProviderRegistration(model, 2).notUsable()).as("fewer services than the process must provide")
                    .containsExactly("1 Dubbo service(s) provided, at least 2 expected");

            // Out of the registry while the process keeps running (a lost registration, or QoS offline): not usable.
            Registry registry = zooKeeperRegistry(model);
            List<URL> registered = List.copyOf(((AbstractRegistry) unwrap(registry)).getRegistered());
            assertThat(registered).isNotEmpty();
            registered.forEach(registry::unregister);
            assertThat(registration.notUsable()).singleElement().asString()
                    .startsWith(Hops.HopC.class.getName() + ": ").contains(" not in ");
            registered.forEach(registry::register);
            await().atMost(Duration.ofSeconds(20)).until(() -> registration.notUsable().isEmpty());

            app.bootstrap().stop();
            assertThat(registration.notUsable()).containsExactly("shutting down");
        }
    }

    private static Registry zooKeeperRegistry(ApplicationModel model) {
        return RegistryManager.getInstance(model).getRegistries().stream()
                .filter(r -> r.getUrl().getProtocol().equals("zookeeper")).findFirst().orElseThrow();
    }

    private static Registry unwrap(Registry registry) {
        return registry instanceof org.apache.dubbo.registry.ListenerRegistryWrapper w ? w.getRegistry() : registry;
    }
}
