package com.checkup.booking.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import java.util.Optional;

/**
 * Who is calling, from the identity the gateway put in the call context. Services re-check scope themselves
 * (defence in depth): a consumer reaches only their own bookings.
 */
final class Callers {
    private Callers() {
    }

    /** The consumer making a booking (testers book like consumers); UNAUTHENTICATED without one. */
    static String consumer() {
        CallContext c = CallContextHolder.current().orElse(null);
        if (c == null || c.userId() == null) {
            throw new BusinessException(ErrorCode.UNAUTHENTICATED, "A signed-in consumer is required");
        }
        if (!Persona.CONSUMER.name().equals(c.persona()) && !Persona.TESTER.name().equals(c.persona())) {
            throw new BusinessException(ErrorCode.FORBIDDEN, "Only consumers book check-ups this way");
        }
        return c.userId();
    }

    /** The hospital of the calling desk; FORBIDDEN for any other persona or a desk without a hospital. */
    static String deskHospital() {
        CallContext c = CallContextHolder.current().orElse(null);
        if (c == null || c.persona() == null) {
            throw new BusinessException(ErrorCode.UNAUTHENTICATED, "A signed-in desk is required");
        }
        if (!Persona.DESK.name().equals(c.persona()) || c.tenantId() == null) {
            throw new BusinessException(ErrorCode.FORBIDDEN, "Only a hospital's desk may do this");
        }
        return c.tenantId();
    }

    /** The user whose bookings may be read or changed, or empty for ops and the system itself (any booking). */
    static Optional<String> owner() {
        CallContext c = CallContextHolder.current().orElse(null);
        if (c != null && (Persona.OPS.name().equals(c.persona()) || Persona.SYSTEM.name().equals(c.persona()))) {
            return Optional.empty();
        }
        return Optional.of(consumer());
    }
}
