package com.checkup.sync.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What hospital-sync-service presents to a hospital's system: an API key ({@code X-Api-Key}) or a user and password
 * (HTTP basic), for the one system ({@code authority}, host:port) they were given for. The secret never leaves this
 * service in clear: stored encrypted, shown masked, never logged, never sent to another host.
 */
public record ConnectorCredentials(String hospitalId, Kind kind, String username, String secret, String authority) {
    public enum Kind { API_KEY, BASIC }

    public static ConnectorCredentials of(String hospitalId, String kind, String username, String secret, String authority) {
        Kind k;
        try {
            k = Kind.valueOf(kind == null ? "" : kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("kind is API_KEY or BASIC");
        }
        if (secret == null || secret.isBlank() || secret.length() > 512 || secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid("secret: 1 to 512 printable characters");
        }
        String user = null;
        if (k == Kind.BASIC) {
            if (username == null || !username.matches("[^:\\p{Cntrl}]{1,128}")) {
                throw invalid("username: 1 to 128 characters, no ':' (BASIC needs one)");
            }
            user = username;
        }
        return new ConnectorCredentials(hospitalId, k, user, secret, authority);
    }

    /** Adds them to a request to the hospital's system. */
    public void apply(HttpRequest.Builder request) {
        if (kind == Kind.API_KEY) {
            request.header("X-Api-Key", secret);
        } else {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** How ops see them: the kind, user and host, never the secret. */
    public String masked() {
        return (kind == Kind.API_KEY ? "API_KEY ****" : "BASIC " + username + ":****") + " for " + authority;
    }

    @Override
    public String toString() {
        return "ConnectorCredentials[" + hospitalId + ", " + masked() + "]";
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }
}
