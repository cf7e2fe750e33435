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
 * With {@code checkup.demo-data.size=large} also the generated hospitals G0001..G2000 of booking-service's DemoData:
 * every tenth HTTP_JSON to the simulator (it serves any hospital id), the rest MANUAL (the same rule as there).
 */
@Component
@ConditionalOnProperty(name = {"checkup.demo-data", "checkup.sync.simulator-url"})
public class DemoConnectors {
    /** booking-service's DemoData.LARGE_HOSPITALS. */
    static final int LARGE_HOSPITALS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(DemoConnectors.class);
    private final DynamicConfiguration config;
    private final FeatureFlags flags;
    private final String simulator;
    private final boolean enabled;
    private final boolean large;

    public DemoConnectors(DynamicConfiguration config, FeatureFlags flags, @Value("${checkup.sync.simulator-url}") String simulator,
                          @Value("${checkup.demo-data}") boolean enabled, @Value("${checkup.demo-data.size:small}") String size) {
        this.config = config;
        this.flags = flags;
        this.simulator = simulator.endsWith("/") ? simulator.substring(0, simulator.length() - 1) : simulator;
        this.enabled = enabled;
        this.large = "large".equalsIgnoreCase(size.trim());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        if (!enabled) {
            return;
        }
        seed("H001", "HTTP_JSON " + simulator + "/hospitals/H001");
        seed("H002", "HTTP_JSON " + simulator + "/hospitals/H002");
        seed("H003", "MANUAL");
        if (large) {
            long t0 = System.nanoTime();
            int written = 0;
            for (int i = 1; i <= LARGE_HOSPITALS; i++) {
                String id = String.format("G%04d", i);
                written += seedQuietly(id, i % 10 == 0 ? "HTTP_JSON " + simulator + "/hospitals/" + id : "MANUAL") ? 1 : 0;
            }
            log.info("Demo connectors of the {} generated hospitals: {} written in {} ms (every tenth HTTP_JSON)",
                    LARGE_HOSPITALS, written, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void seed(String hospital, String value) {
        if (seedQuietly(hospital, value)) {
            log.info("Demo connector of {}: {}", hospital, value);
        }
    }

    private boolean seedQuietly(String hospital, String value) {
        String key = hospital + "." + HospitalSync.CONNECTOR.name();
        if (config.getConfig(key, FeatureFlags.GROUP) == null) {
            flags.set(HospitalSync.CONNECTOR, hospital, value);
            return true;
        }
        return false;
    }
}
