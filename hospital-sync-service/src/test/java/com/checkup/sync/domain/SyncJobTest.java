package com.checkup.sync.domain;

import com.checkup.platform.retry.RetryPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncJobTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(30), 2, Duration.ofSeconds(90));

    @Test
    void backsOffExponentiallyUpToTheMaxThenGivesUp() {
        SyncJob j = new SyncJob("J1", "B1", "H1", SyncAction.PUSH, SyncJob.Status.PENDING, 0, NOW, null, null);
        assertThat(j.failed("HTTP 503", POLICY, NOW)).isTrue();
        assertThat(j.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(j.failed("HTTP 503", POLICY, NOW)).isTrue();
        assertThat(j.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(j.failed("HTTP 503", POLICY, NOW)).isTrue();
        assertThat(j.nextAttemptAt()).isEqualTo(NOW.plusSeconds(90));
        assertThat(j.failed("timeout", POLICY, NOW)).isFalse();
        assertThat(j.attempts()).isEqualTo(4);
        j.handedOver("T1");
        assertThat(j.status()).isEqualTo(SyncJob.Status.GAVE_UP);
        assertThat(j.lastError()).isEqualTo("timeout");
    }

    @Test
    void aConnectorIsConfigurationNotCode() {
        assertThat(ConnectorSpec.parse(" manual ")).isEqualTo(ConnectorSpec.MANUAL);
        ConnectorSpec http = ConnectorSpec.parse("HTTP_JSON http://127.0.0.1:9300/hospitals/H001/");
        assertThat(http.kind()).isEqualTo(ConnectorSpec.Kind.HTTP_JSON);
        assertThat(http.baseUrl().toString()).isEqualTo("http://127.0.0.1:9300/hospitals/H001");
        assertThatThrownBy(() -> ConnectorSpec.parse("HTTP_JSON ftp://x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectorSpec.parse("SOAP http://x")).isInstanceOf(IllegalArgumentException.class);
    }
}
