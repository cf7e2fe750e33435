package com.checkup.platform.context;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.util.Arrays;

/**
 * Who is calling, from the identity the gateway (or a service acting on its own) put in the call context. Services
 * re-check scope with it themselves (defence in depth), whatever the gateway already checked.
 */
public final class Callers {
    private Callers() {
    }

    /** The caller, if it is one of {@code allowed}: UNAUTHENTICATED without a caller, FORBIDDEN for another persona. */
    public static CallContext require(Persona... allowed) {
        CallContext c = CallContextHolder.current().orElse(null);
        if (c == null || c.persona() == null) {
            throw new BusinessException(ErrorCode.UNAUTHENTICATED, "A signed-in caller is required");
        }
        for (Persona p : allowed) {
            if (p.name().equals(c.persona())) {
                if (p == Persona.DESK && c.tenantId() == null) {
                    throw new BusinessException(ErrorCode.FORBIDDEN, "A desk without a hospital may do nothing");
                }
                return c;
            }
        }
        throw new BusinessException(ErrorCode.FORBIDDEN, "Not allowed for " + c.persona() + " (only "
                + String.join(", ", Arrays.stream(allowed).map(Persona::name).toList()) + ")");
    }

    public static boolean is(CallContext c, Persona p) {
        return c != null && p.name().equals(c.persona());
    }

    /** How the caller appears in audit trails: {@code PERSONA:user}. */
    public static String actor(CallContext c) {
        return c.persona() + ":" + (c.userId() == null ? "-" : c.userId());
    }

    /** Binds a context for work a service does on its own (jobs, event handlers): persona SYSTEM, user = the service. */
    public static CallContextHolder.Scope bindSystem(String service, CallContext parent) {
        CallContext base = parent == null ? CallContext.newRoot() : parent;
        return CallContextHolder.bind(base.withCaller(Persona.SYSTEM.name(), null, service));
    }
}
