package com.checkup.sync.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.flags.ConnectorHosts;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.context.Callers;
import com.checkup.platform.events.Json;
import com.checkup.platform.privacy.FieldCipher;
import com.checkup.sync.domain.ConnectorCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.dubbo.common.config.configcenter.ConfigItem;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hospitals' connector credentials, in the config center (group {@value #GROUP}, key = hospital id) encrypted under the
 * credential key (AES-256-GCM, key id in the value; from deployment config as a KMS would hand it out). Only this
 * service has the key: only it ever sees a secret in clear. The hospital id is inside the encrypted value, so a value
 * copied to another hospital's key does not decrypt into credentials for it. When the current key changes, every value
 * still under an old key is re-encrypted under the new one ({@link #reencrypt}: at start and every few minutes, with
 * compare-and-set), while both keys are configured: no downtime, then the old key can go.
 */
public class CredentialVault {
    public static final String GROUP = "checkup-connector-credentials";
    /** The hospitals that have credentials (the config center API lists no keys): what re-encryption walks. */
    static final String INDEX = "index.hospitals";
    private static final Logger log = LoggerFactory.getLogger(CredentialVault.class);
    private static final Logger audit = LoggerFactory.getLogger("checkup.audit");

    private final DynamicConfiguration config;
    /** Null when no credential key is configured: then credentials can be neither stored nor used. */
    private final FieldCipher cipher;
    /** Decrypted values by hospital and ciphertext: each stored value is decrypted once, for the hospital it is under. */
    private final Map<String, ConnectorCredentials> decrypted = new ConcurrentHashMap<>();

    /** Plain-http hospital systems may get credentials (local platform and tests only: their simulator is http). */
    private final boolean allowPlainHttp;
    /** The hospitals whose stored values this copy re-encrypts: those it serves (see {@link #reencrypt}). */
    private final Predicate<String> serves;

    public CredentialVault(DynamicConfiguration config, FieldCipher cipher, boolean allowPlainHttp) {
        this(config, cipher, allowPlainHttp, hospital -> true);
    }

    public CredentialVault(DynamicConfiguration config, FieldCipher cipher, boolean allowPlainHttp, Predicate<String> serves) {
        this.config = config;
        this.cipher = cipher;
        this.allowPlainHttp = allowPlainHttp;
        this.serves = serves;
    }

    /**
     * Stores credentials for the hospital's system ({@code connectorOf(hospital)}: its HTTP connector now, null for none):
     * they are presented to that host:port only, so pointing the connector elsewhere later never sends them there.
     */
    public ConnectorCredentials store(String hospitalId, String kind, String username, String secret,
                                      java.util.function.Function<String, URI> connectorOf) {
        var caller = Callers.require(Persona.OPS);
        String hospital = hospital(hospitalId);
        URI connectorUrl = connectorOf.apply(hospital);
        if (connectorUrl == null) {
            throw new BusinessException(ErrorCode.CONFLICT, "Hospital " + hospital + " has no HTTP connector: set its"
                    + " connector flag first (the credentials are for that system only)");
        }
        if (!allowPlainHttp && !"https".equals(connectorUrl.getScheme())) {
            throw new BusinessException(ErrorCode.CONFLICT, "Hospital " + hospital + "'s connector is not https:"
                    + " credentials are never sent in clear");
        }
        ConnectorCredentials c = ConnectorCredentials.of(hospital, kind, username, secret, ConnectorHosts.authority(connectorUrl));
        if (cipher == null) {
            throw new BusinessException(ErrorCode.UNAVAILABLE, "No credential key is configured for hospital-sync-service"
                    + " (checkup.sync.credentials.keys): credentials cannot be stored");
        }
        String before = find(hospital).map(ConnectorCredentials::masked).orElse("(none)");
        if (!config.publishConfig(hospital, GROUP, seal(c))) {
            throw new BusinessException(ErrorCode.UNAVAILABLE, "The config center did not accept the credentials");
        }
        updateIndex(hospital, true);
        audit.info("{} changed credentials of {}: {} -> {}", Callers.actor(caller), hospital, before, c.masked());
        return c;
    }

    public void clear(String hospitalId) {
        var caller = Callers.require(Persona.OPS);
        String hospital = hospital(hospitalId);
        String before = find(hospital).map(ConnectorCredentials::masked).orElse("(none)");
        config.removeConfig(hospital, GROUP);
        updateIndex(hospital, false);
        audit.info("{} removed credentials of {}: {} -> (none)", Callers.actor(caller), hospital, before);
    }

    /**
     * The hospital's credentials for a call to {@code url}: empty when it has none, or they were given for another
     * host, or the call would go in clear (plain http, where not allowed).
     */
    public Optional<ConnectorCredentials> forCall(String hospitalId, URI url) {
        Optional<ConnectorCredentials> c = find(hospitalId);
        if (c.isEmpty() || url == null) {
            return Optional.empty();
        }
        if (!c.get().authority().equals(ConnectorHosts.authority(url))) {
            log.error("Credentials of {} are for {}, its connector now points at {}: calling without them (set them again"
                    + " for the new system)", hospitalId, c.get().authority(), ConnectorHosts.authority(url));
            return Optional.empty();
        }
        if (!allowPlainHttp && !"https".equals(url.getScheme())) {
            log.error("Connector of {} is not https: its credentials are not sent in clear", hospitalId);
            return Optional.empty();
        }
        return c;
    }

    /** The hospital's credentials in clear; empty when it has none (or they cannot be read). */
    public Optional<ConnectorCredentials> find(String hospitalId) {
        String stored = config.getConfig(hospitalId, GROUP);
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        if (cipher == null) {
            log.error("Credentials of {} are stored but no credential key is configured: calling without them", hospitalId);
            return Optional.empty();
        }
        try {
            if (decrypted.size() > 10_000) {
                decrypted.clear(); // old values of changed credentials: nothing needs them
            }
            ConnectorCredentials c = decrypted.computeIfAbsent(hospitalId + "\n" + stored, k -> open(hospitalId, stored));
            return Optional.of(c);
        } catch (RuntimeException e) {
            log.error("Credentials of {} do not decrypt ({}): calling without them", hospitalId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Re-encrypts every stored value of the hospitals this copy serves under the current key; how many were. Each copy
     * does its own hospitals only: a copy rolled out with a new key first never turns another copy's hospitals' values
     * into ones that copy cannot read yet. (Storing and reading work from any copy: the values are in the config center.)
     */
    public int reencrypt() {
        if (cipher == null) {
            return 0;
        }
        int n = 0;
        for (String hospital : index()) {
            if (!serves.test(hospital)) {
                continue;
            }
            ConfigItem item = config.getConfigItem(hospital, GROUP);
            if (item == null || item.getContent() == null || cipher.isCurrent(item.getContent())) {
                continue;
            }
            try {
                ConnectorCredentials c = open(hospital, item.getContent());
                if (config.publishConfigCas(hospital, GROUP, seal(c), item.getTicket())) {
                    n++;
                    log.info("Credentials of {} re-encrypted under the current key", hospital);
                }
            } catch (RuntimeException e) {
                log.error("Credentials of {} could not be re-encrypted: {}", hospital, e.getMessage());
            }
        }
        return n;
    }

    private java.util.Set<String> index() {
        return hospitals(config.getConfig(INDEX, GROUP));
    }

    private static java.util.Set<String> hospitals(String commaSeparated) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (commaSeparated != null) {
            for (String h : commaSeparated.split(",")) {
                if (!h.isBlank()) {
                    out.add(h.trim());
                }
            }
        }
        return out;
    }

    private void updateIndex(String hospital, boolean present) {
        for (int i = 0; i < 8; i++) {
            ConfigItem item = config.getConfigItem(INDEX, GROUP);
            java.util.Set<String> hospitals = hospitals(item == null ? null : item.getContent());
            if (present ? !hospitals.add(hospital) : !hospitals.remove(hospital)) {
                return;
            }
            if (config.publishConfigCas(INDEX, GROUP, String.join(",", hospitals), item == null ? null : item.getTicket())) {
                return;
            }
        }
        log.warn("The credentials index could not be updated for {}; re-encryption may miss it", hospital);
    }

    private String seal(ConnectorCredentials c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hospitalId", c.hospitalId());
        m.put("kind", c.kind().name());
        m.put("username", c.username());
        m.put("secret", c.secret());
        m.put("authority", c.authority());
        try {
            return cipher.encrypt(Json.MAPPER.writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConnectorCredentials open(String hospitalId, String stored) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(cipher.decrypt(stored));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not credentials", e);
        }
        if (!hospitalId.equals(n.path("hospitalId").asText())) {
            throw new IllegalStateException("stored for another hospital");
        }
        return new ConnectorCredentials(hospitalId, ConnectorCredentials.Kind.valueOf(n.path("kind").asText()),
                n.path("username").isTextual() ? n.get("username").asText() : null, n.path("secret").asText(),
                n.path("authority").asText(""));
    }

    private static String hospital(String hospitalId) {
        if (hospitalId == null || !hospitalId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "hospitalId: 1 to 32 letters, digits, '_' or '-'");
        }
        return hospitalId;
    }
}
