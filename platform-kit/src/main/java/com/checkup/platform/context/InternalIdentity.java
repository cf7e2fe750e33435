package com.checkup.platform.context;

import com.checkup.contracts.context.IdentityAssertion;

/**
 * The internal identity key of this process (the gateway and every service hold it; it is never the token key):
 * outgoing calls sign the caller with it, incoming calls are believed only when their assertion verifies. Installed
 * by the Spring wiring from {@code checkup.identity.key}; a process without Spring (a test client, a tool) takes the
 * system property {@code checkup.identity.key} or the environment variable {@code CHECKUP_IDENTITY_KEY}.
 */
public final class InternalIdentity {
    public static final String PROPERTY = "checkup.identity.key";
    public static final String ENVIRONMENT = "CHECKUP_IDENTITY_KEY";
    private static volatile IdentityAssertion installed;

    private InternalIdentity() {
    }

    /** Sets the key of this process (base64 of 32+ random bytes); refuses a missing or short one. */
    public static void install(String base64Key) {
        installed = IdentityAssertion.fromBase64(base64Key);
    }

    /**
     * Sets the key of this process and the keys it believes besides (the other key of a rotation:
     * {@code checkup.identity.also-accepted}, {@link IdentityAssertion#acceptingAlso}).
     */
    public static void install(String base64Key, java.util.List<String> alsoAccepted) {
        installed = IdentityAssertion.fromBase64(base64Key).acceptingAlso(alsoAccepted);
    }

    /** The key, or null when this process has none: then nothing it sends is believed, and it believes nobody. */
    public static IdentityAssertion current() {
        IdentityAssertion a = installed;
        if (a == null) {
            String key = System.getProperty(PROPERTY);
            if (key == null || key.isBlank()) {
                key = System.getenv(ENVIRONMENT);
            }
            if (key != null && !key.isBlank()) {
                a = IdentityAssertion.fromBase64(key);
                installed = a;
            }
        }
        return a;
    }
}
