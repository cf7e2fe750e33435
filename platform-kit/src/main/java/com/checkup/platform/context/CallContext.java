package com.checkup.platform.context;

import java.util.Objects;

/**
 * What travels with every call and message: the trace id, the lane, and who the caller is (persona, tenant, user),
 * so a service several hops away can still check scope. Immutable; {@code lane == null} means baseline.
 */
public record CallContext(String traceId, String lane, String persona, String tenantId, String userId) {

    /** A lane name as lanes are named (and as logs and SQL92 filters can carry it safely); anything else is baseline. */
    private static final java.util.regex.Pattern LANE = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,32}");

    public CallContext {
        Objects.requireNonNull(traceId, "traceId");
        lane = blankToNull(lane);
        if (lane != null && !LANE.matcher(lane).matches()) {
            lane = null;
        }
        persona = blankToNull(persona);
        tenantId = blankToNull(tenantId);
        userId = blankToNull(userId);
    }

    /** A fresh context for work that starts here (a job, a test client): new trace id, baseline, no caller. */
    public static CallContext newRoot() {
        return new CallContext(TraceIds.next(), null, null, null, null);
    }

    public CallContext withLane(String newLane) {
        return new CallContext(traceId, newLane, persona, tenantId, userId);
    }

    /** The same lane and caller in another trace (work resumed in the trace it belongs to, e.g. a payment's). */
    public CallContext withTraceId(String newTraceId) {
        return new CallContext(newTraceId, lane, persona, tenantId, userId);
    }

    public CallContext withCaller(String newPersona, String newTenantId, String newUserId) {
        return new CallContext(traceId, lane, newPersona, newTenantId, newUserId);
    }

    public boolean isBaseline() {
        return lane == null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
