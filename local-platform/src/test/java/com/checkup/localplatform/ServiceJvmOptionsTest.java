package com.checkup.localplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's extra service JVM flags land after the platform's own (the last of a flag wins) and before the jar. */
class ServiceJvmOptionsTest {
    @TempDir
    Path root;

    @AfterEach
    void clear() {
        System.clearProperty("checkup.service-jvm-options");
    }

    @Test
    void extraFlagsFollowTheDefaultsAndPrecedeTheJar() {
        System.setProperty("checkup.service-jvm-options", " -XX:MaxNewSize=64m   -XX:NativeMemoryTracking=summary ");
        List<String> cmd = PlatformConfig.defaults(root).javaService("order-service", root.resolve("order.jar"), 8101,
                20881, "checkup_order").command();
        int defaults = cmd.indexOf("-XX:MaxNewSize=12m");
        int extra = cmd.indexOf("-XX:MaxNewSize=64m");
        assertThat(defaults).isPositive();
        assertThat(extra).isGreaterThan(defaults);
        assertThat(cmd.get(extra + 1)).isEqualTo("-XX:NativeMemoryTracking=summary");
        assertThat(cmd.get(extra + 2)).isEqualTo("-jar");
    }

    @Test
    void onlyFlagsAreTaken() {
        for (String bad : new String[] {"-Xmx1g Evil", "-jar other.jar", "-cp /tmp"}) {
            System.setProperty("checkup.service-jvm-options", bad);
            assertThatThrownBy(() -> PlatformConfig.defaults(root).javaService("order-service", root.resolve("order.jar"),
                    8101, 20881, "checkup_order")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CHECKUP_SERVICE_OPTS");
        }
    }

    @Test
    void noExtraFlagsByDefault() {
        List<String> cmd = PlatformConfig.defaults(root).javaService("order-service", root.resolve("order.jar"), 8101,
                20881, "checkup_order").command();
        assertThat(cmd.get(cmd.indexOf("-jar") - 1)).startsWith("-Duser.home=");
    }
}
