package com.checkup.platform.spring;

import com.checkup.platform.dubbo.ProviderRegistration;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code dubbo} health component, part of the readiness group (PlatformDefaults): up once every provided service
 * is in the registry, out of service from the moment shutdown begins. Not in liveness: a registry outage must not get
 * every pod restarted.
 */
final class DubboReadiness implements HealthIndicator {
    private final ProviderRegistration registration;

    DubboReadiness(ProviderRegistration registration) {
        this.registration = registration;
    }

    @Override
    public Health health() {
        List<String> reasons = registration.notUsable();
        if (reasons.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder h = reasons.equals(List.of("shutting down")) ? Health.outOfService() : Health.down();
        return h.withDetail("reasons", reasons).build();
    }
}
