package com.checkup.platform.embedded;

import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test support: each test's own thread calls as the platform (persona SYSTEM, user {@code test}, signed like any
 * service's calls), the way another service would. Calls meant as an end user wrap themselves in {@link Acting#as};
 * calls meant as nobody in {@link Acting#anonymously}.
 */
public final class ActingAsPlatform implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ActingAsPlatform.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        TestSecrets.ensureIdentityKey();
        context.getStore(NS).put("scope", Callers.bindSystem("test", null));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CallContextHolder.Scope scope = context.getStore(NS).remove("scope", CallContextHolder.Scope.class);
        if (scope != null) {
            scope.close();
        }
    }
}
