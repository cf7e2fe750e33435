package com.checkup.platform.embedded;

import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import java.util.function.Supplier;

/** Test support: makes a Dubbo call as a given caller, the way the gateway would (persona, tenant, user). */
public final class Acting {
    private Acting() {
    }

    /** Makes a call as the platform itself (SYSTEM, user {@code test}), on any thread (an await poller's, say). */
    public static <T> T asPlatform(Supplier<T> call) {
        try (var ignored = com.checkup.platform.context.Callers.bindSystem("test", null)) {
            return call.get();
        }
    }

    /** Makes a call with no caller at all (what any process that reaches a Dubbo port without the key is). */
    public static <T> T anonymously(Supplier<T> call) {
        try (var ignored = CallContextHolder.bind(CallContext.newRoot())) {
            return call.get();
        }
    }

    public static <T> T as(String persona, String tenantId, String userId, Supplier<T> call) {
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller(persona, tenantId, userId))) {
            return call.get();
        }
    }
}
