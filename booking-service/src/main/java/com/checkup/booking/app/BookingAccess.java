package com.checkup.booking.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import java.util.Optional;

/**
 * Who may act on bookings, campaigns and rosters, on platform-kit's {@link Callers}: a consumer reaches only
 * their own bookings, a desk only its hospital's; ops and the system itself reach any booking.
 */
final class BookingAccess {
    private BookingAccess() {
    }

    /** The consumer making a booking (testers book like consumers); UNAUTHENTICATED without one. */
    static String consumer() {
        CallContext c = Callers.require(Persona.CONSUMER, Persona.TESTER);
        if (c.userId() == null) {
            throw new BusinessException(ErrorCode.UNAUTHENTICATED, "A signed-in consumer is required");
        }
        return c.userId();
    }

    /** The hospital of the calling desk; FORBIDDEN for any other persona or a desk without a hospital. */
    static String deskHospital() {
        return Callers.require(Persona.DESK).tenantId();
    }

    /** The user whose bookings may be read or changed, or empty for ops and the system itself (any booking). */
    static Optional<String> owner() {
        CallContext c = CallContextHolder.current().orElse(null);
        if (Callers.is(c, Persona.OPS) || Callers.is(c, Persona.SYSTEM)) {
            return Optional.empty();
        }
        return Optional.of(consumer());
    }

    /** Only the platform's own services (e.g. hospital-sync relaying a hospital's system); FORBIDDEN otherwise. */
    static void system() {
        Callers.require(Persona.SYSTEM);
    }

    /** The company of the calling HR user; FORBIDDEN for any other persona or HR without a company. */
    static String hrCompany() {
        String company = Callers.require(Persona.HR).tenantId();
        if (company == null || company.isBlank()) {
            throw new BusinessException(ErrorCode.FORBIDDEN, "An HR user without a company may do nothing");
        }
        return company;
    }

    /** Who is acting, for the record ("PERSONA:user"). */
    static String actor() {
        return Callers.actor(CallContextHolder.current().orElse(null));
    }
}
