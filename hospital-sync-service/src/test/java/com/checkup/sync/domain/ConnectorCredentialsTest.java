package com.checkup.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class ConnectorCredentialsTest {
    @Test
    void theSecretIsPresentedToTheHospitalAndNowhereElse() {
        ConnectorCredentials key = ConnectorCredentials.of("H001", "api_key", "ignored", "k-123", "his.example:443");
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1/x"));
        key.apply(r);
        assertThat(r.build().headers().firstValue("X-Api-Key")).contains("k-123");
        assertThat(key.masked()).isEqualTo("API_KEY **** for his.example:443");
        assertThat(key.toString()).doesNotContain("k-123");

        ConnectorCredentials basic = ConnectorCredentials.of("H001", "BASIC", "his-user", "pw", "his.example:443");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1/x"));
        basic.apply(b);
        assertThat(b.build().headers().firstValue("Authorization")).contains("Basic aGlzLXVzZXI6cHc=");
        assertThat(basic.masked()).isEqualTo("BASIC his-user:**** for his.example:443");
        assertThat(basic.toString()).doesNotContain("pw]").doesNotContain(":pw");
    }

    @Test
    void badCredentialsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "TOKEN", null, "x", "his.example:443")).isInstanceOf(BusinessException.class)
                .hasMessageContaining("API_KEY or BASIC");
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "API_KEY", null, "a\r\nX-Injected: 1", "his.example:443"))
                .hasMessageContaining("printable");
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "BASIC", "a:b", "x", "his.example:443")).hasMessageContaining("no ':'");
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "BASIC", null, "x", "his.example:443")).hasMessageContaining("username");
    }
}
