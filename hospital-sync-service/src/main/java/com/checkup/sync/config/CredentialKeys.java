package com.checkup.sync.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code checkup.sync.credentials.*}: the key connector credentials are encrypted with (deployment config, e.g. from a
 * KMS or a k8s Secret; no default). {@code keys.<id>} = base64 of 32 bytes; {@code current-key} = the id new values
 * use. To rotate: add the new key, make it current, wait for re-encryption (every {@code reencrypt-every}), remove the
 * old one.
 */
@ConfigurationProperties("checkup.sync.credentials")
public class CredentialKeys {
    private String currentKey;
    private Map<String, String> keys = new LinkedHashMap<>();

    public String getCurrentKey() {
        return currentKey;
    }

    public void setCurrentKey(String currentKey) {
        this.currentKey = currentKey;
    }

    public Map<String, String> getKeys() {
        return keys;
    }

    public void setKeys(Map<String, String> keys) {
        this.keys = keys;
    }
}
