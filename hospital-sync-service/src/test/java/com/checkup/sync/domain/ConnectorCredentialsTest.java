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
        ConnectorCredentials key = ConnectorCredentials.of("H001", "api_key", "ignored", "k-123");
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1/x"));
        key.apply(r);
        assertThat(r.build().headers().firstValue("X-Api-Key")).contains("k-123");
        assertThat(key.masked()).isEqualTo("API_KEY ****");
        assertThat(key.toString()).doesNotContain("k-123");

        ConnectorCredentials basic = ConnectorCredentials.of("H001", "BASIC", "his-user", "pw");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1/x"));
        basic.apply(b);
        assertThat(b.build().headers().firstValue("Authorization")).contains("Basic aGlzLXVzZXI6cHc=");
        assertThat(basic.masked()).isEqualTo("BASIC his-user:****");
        assertThat(basic.toString()).doesNotContain("pw]").doesNotContain(":pw");
    }

    @Test
    void badCredentialsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "TOKEN", null, "x")).isInstanceOf(BusinessException.class)
                .hasMessageContaining("API_KEY or BASIC");
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "API_KEY", null, "a\r\nX-Injected: 1"))
                .hasMessageContaining("printable");
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "BASIC", "a:b", "x")).hasMessageContaining("no ':'");
        assertThatThrownBy(() -> ConnectorCredentials.of("H001", "BASIC", null, "x")).hasMessageContaining("username");
    }
}
