package com.checkup.sync.config;

import com.checkup.sync.domain.HospitalTiers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads {@code checkup.sync.tiers} and {@code checkup.sync.tier} as soon as the configuration is known, before the
 * service connects to anything: a copy given a map it cannot read exactly, or a tier the map does not name, stops at
 * once with what is wrong (k8s shows it as a crash loop with that message), rather than after joining the registry
 * and the broker. The beans read the same values again ({@link SyncConfig}).
 */
public class TierCheck implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
        HospitalTiers.parse(env.getProperty("checkup.sync.tiers", "")).tier(env.getProperty("checkup.sync.tier", ""));
    }
}
