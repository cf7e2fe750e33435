package com.checkup.platform.embedded;

import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import java.util.function.Supplier;

/** Test support: makes a Dubbo call as a given caller, the way the gateway would (persona, tenant, user). */
public final class Acting {
    private Acting() {
    }

    public static <T> T as(String persona, String tenantId, String userId, Supplier<T> call) {
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller(persona, tenantId, userId))) {
            return call.get();
        }
    }
}
