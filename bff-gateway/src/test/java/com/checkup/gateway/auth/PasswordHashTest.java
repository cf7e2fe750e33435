package com.checkup.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.gateway.config.GatewayProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void aHashMatchesOnlyItsPassword() {
        String h = PasswordHash.hash("consumer1-pass");
        assertThat(h).startsWith("pbkdf2-sha256$600000$").doesNotContain("consumer1-pass");
        assertThat(PasswordHash.matches("consumer1-pass", h)).isTrue();
        assertThat(PasswordHash.matches("consumer1-Pass", h)).isFalse();
        assertThat(PasswordHash.hash("consumer1-pass")).as("salted").isNotEqualTo(h);
    }

    @Test
    void aMalformedStoredHashNeverMatches() {
        assertThat(PasswordHash.matches("x", "x")).isFalse();
        assertThat(PasswordHash.matches("x", "pbkdf2-sha256$notanumber$AA$AA")).isFalse();
        assertThat(PasswordHash.matches("x", "md5$1$AA$AA")).isFalse();
        assertThat(PasswordHash.matches(null, PasswordHash.hash("x"))).isFalse();
    }

    @Test
    void theDirectoryAuthenticatesKnownUsersOnly() {
        GatewayProperties.User u = new GatewayProperties.User();
        u.setUsername("hr.acme");
        u.setPersona("HR");
        u.setTenant("ACME");
        u.setPasswordHash(PasswordHash.hash("hr.acme-pass"));
        UserDirectory d = new UserDirectory(List.of(u));
        assertThat(d.authenticate("hr.acme", "hr.acme-pass")).hasValueSatisfying(c -> {
            assertThat(c.persona()).isEqualTo("HR");
            assertThat(c.tenantId()).isEqualTo("ACME");
        });
        assertThat(d.authenticate("hr.acme", "wrong")).isEmpty();
        assertThat(d.authenticate("nobody", "hr.acme-pass")).isEmpty();
    }
}
