package com.checkup.platform.embedded;

import com.checkup.platform.context.InternalIdentity;
import com.checkup.platform.privacy.FieldCipher;

/**
 * Test support: a random internal identity key per test JVM (as a system property, so every service started in the
 * JVM and every test client share it), unless the run was given one. Never a fixed key in code or config.
 */
public final class TestSecrets {
    private TestSecrets() {
    }

    public static synchronized void ensureIdentityKey() {
        if (System.getProperty(InternalIdentity.PROPERTY) == null && System.getenv(InternalIdentity.ENVIRONMENT) == null) {
            System.setProperty(InternalIdentity.PROPERTY, FieldCipher.newKey());
        }
    }
}
