package com.checkup.sync.config;

import com.checkup.platform.flags.FeatureFlags;
import com.checkup.sync.app.HospitalSync;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Local demo only: H001 and H002 reach the hospital simulator over HTTP_JSON, H003 is MANUAL. Written to the config
 * center like ops would (flag {@code connector}), and only where no value is set, so a change made by hand stays.
 */
@Component
@ConditionalOnProperty(name = {"checkup.demo-data", "checkup.sync.simulator-url"})
public class DemoConnectors {
    private static final Logger log = LoggerFactory.getLogger(DemoConnectors.class);
    private final DynamicConfiguration config;
    private final FeatureFlags flags;
    private final String simulator;
    private final boolean enabled;

    public DemoConnectors(DynamicConfiguration config, FeatureFlags flags, @Value("${checkup.sync.simulator-url}") String simulator,
                          @Value("${checkup.demo-data}") boolean enabled) {
        this.config = config;
        this.flags = flags;
        this.simulator = simulator.endsWith("/") ? simulator.substring(0, simulator.length() - 1) : simulator;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        if (!enabled) {
            return;
        }
        seed("H001", "HTTP_JSON " + simulator + "/hospitals/H001");
        seed("H002", "HTTP_JSON " + simulator + "/hospitals/H002");
        seed("H003", "MANUAL");
    }

    private void seed(String hospital, String value) {
        String key = hospital + "." + HospitalSync.CONNECTOR.name();
        if (config.getConfig(key, FeatureFlags.GROUP) == null) {
            flags.set(HospitalSync.CONNECTOR, hospital, value);
            log.info("Demo connector of {}: {}", hospital, value);
        }
    }
}
