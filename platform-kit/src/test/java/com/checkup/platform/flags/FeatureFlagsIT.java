package com.checkup.platform.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.error.BusinessException;
import com.checkup.platform.configcenter.ConfigCenter;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.time.Duration;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Flags on a real ZooKeeper config center through Dubbo's DynamicConfiguration; two readers stand for two services. */
@ExtendWith(EmbeddedInfraExtension.class)
class FeatureFlagsIT {
    static final FeatureFlag<Duration> HOLD_EXPIRY = FeatureFlag.ofDuration("hold-expiry", Duration.ofMinutes(15));
    static final FeatureFlag<Boolean> QUIET_HOURS = FeatureFlag.ofBoolean("quiet-hours", false);

    private static FeatureFlags ops;
    private static FeatureFlags bookingService;

    @BeforeAll
    static void connect(TestInfrastructure infra) {
        DynamicConfiguration a = ConfigCenter.connect(ApplicationModel.defaultModel(), infra.zooKeeper().dubboUrl());
        DynamicConfiguration b = ConfigCenter.connect(ApplicationModel.defaultModel(), infra.zooKeeper().dubboUrl());
        ops = new FeatureFlags(a);
        bookingService = new FeatureFlags(b);
    }

    @Test
    void absentFlagGivesItsDefault() {
        assertThat(bookingService.get(QUIET_HOURS, "H404")).isFalse();
        assertThat(bookingService.get(HOLD_EXPIRY, "H404")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aChangeIsSeenLiveByAnotherReaderPerHospitalWithPlatformWideFallback() {
        // Read first, so the reader has a cached value that must be replaced live.
        assertThat(bookingService.get(HOLD_EXPIRY, "H001")).isEqualTo(Duration.ofMinutes(15));

        ops.set(HOLD_EXPIRY, "H001", "PT5M");
        await().atMost(Duration.ofSeconds(10)).until(() -> bookingService.get(HOLD_EXPIRY, "H001").equals(Duration.ofMinutes(5)));
        assertThat(bookingService.get(HOLD_EXPIRY, "H002")).isEqualTo(Duration.ofMinutes(15));

        ops.set(HOLD_EXPIRY, FeatureFlags.ALL_HOSPITALS, "30");
        await().atMost(Duration.ofSeconds(10)).until(() -> bookingService.get(HOLD_EXPIRY, "H002").equals(Duration.ofMinutes(30)));
        assertThat(bookingService.get(HOLD_EXPIRY, "H001")).isEqualTo(Duration.ofMinutes(5));

        ops.clear(HOLD_EXPIRY, "H001");
        await().atMost(Duration.ofSeconds(10)).until(() -> bookingService.get(HOLD_EXPIRY, "H001").equals(Duration.ofMinutes(30)));
        ops.clear(HOLD_EXPIRY, FeatureFlags.ALL_HOSPITALS);
        await().atMost(Duration.ofSeconds(10)).until(() -> bookingService.get(HOLD_EXPIRY, "H001").equals(Duration.ofMinutes(15)));
    }

    @Test
    void badValuesAreRefusedOnWriteAndIgnoredOnRead(TestInfrastructure infra) {
        assertThatThrownBy(() -> ops.set(QUIET_HOURS, "H003", "maybe"))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED"))
                .hasMessageContaining("quiet-hours");
        assertThatThrownBy(() -> ops.set(QUIET_HOURS, "H003", null)).isInstanceOf(BusinessException.class);
        // Someone wrote garbage straight into the config center: readers keep working with the default.
        DynamicConfiguration raw = ConfigCenter.connect(ApplicationModel.defaultModel(), infra.zooKeeper().dubboUrl());
        raw.publishConfig("H003.quiet-hours", FeatureFlags.GROUP, "maybe");
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.getConfig("H003.quiet-hours", FeatureFlags.GROUP) != null);
        assertThat(bookingService.get(QUIET_HOURS, "H003")).isFalse();
        ops.set(QUIET_HOURS, "H003", "on");
        await().atMost(Duration.ofSeconds(10)).until(() -> bookingService.get(QUIET_HOURS, "H003"));
    }

    @Test
    void hospitalIdsAreValidatedBeforeTheyBecomeConfigKeys() {
        assertThatThrownBy(() -> bookingService.get(QUIET_HOURS, "../etc"))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED"));
    }
}
