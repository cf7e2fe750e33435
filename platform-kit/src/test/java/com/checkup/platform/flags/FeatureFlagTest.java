package com.checkup.platform.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeatureFlagTest {
    enum Connector { HTTP_JSON, MANUAL }

    @Test
    void parsesTypedValues() {
        assertThat(FeatureFlag.ofBoolean("a", false).parse(" ON ")).isTrue();
        assertThat(FeatureFlag.ofInt("b", 1).parse("42")).isEqualTo(42);
        assertThat(FeatureFlag.ofDuration("c", Duration.ZERO).parse("15")).isEqualTo(Duration.ofMinutes(15));
        assertThat(FeatureFlag.ofDuration("c", Duration.ZERO).parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(FeatureFlag.ofEnum("d", Connector.class, Connector.MANUAL).parse("http_json")).isEqualTo(Connector.HTTP_JSON);
    }

    @Test
    void rejectsBadValuesAndNames() {
        assertThatThrownBy(() -> FeatureFlag.ofInt("b", 1).parse("ten")).hasMessageContaining("flag b");
        assertThatThrownBy(() -> FeatureFlag.ofBoolean("a", false).parse("yes please")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeatureFlag.ofBoolean("Bad Name", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
