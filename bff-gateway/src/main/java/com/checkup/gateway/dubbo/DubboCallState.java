package com.checkup.gateway.dubbo;

/**
 * One Dubbo call made for one HTTP request: what the gateway sends along (trace, caller, lane) and what comes back
 * besides the result (the lanes each hop ran in, a failed call's error code). ShenYu's apache-dubbo plugin makes the
 * call on the thread our parameter plugin hands this to ({@link #handOff}); {@link GatewayCallFilter} takes it there.
 */
public final class DubboCallState {
    private static final ThreadLocal<DubboCallState> HANDOFF = new ThreadLocal<>();

    final String traceId;
    final String lane;
    final String persona;
    final String tenantId;
    final String userId;
    /** Ask every hop for the lane it ran in (testers only: it costs each provider a little on every call). */
    final boolean traceLanes;
    private volatile String lanePath;
    private volatile String errorCode;

    public DubboCallState(String traceId, String lane, String persona, String tenantId, String userId, boolean traceLanes) {
        this.traceLanes = traceLanes;
        this.traceId = traceId;
        this.lane = lane;
        this.persona = persona;
        this.tenantId = tenantId;
        this.userId = userId;
    }

    /** For the call about to be made on this thread. */
    public static void handOff(DubboCallState state) {
        HANDOFF.set(state);
    }

    /**
     * Forgets {@code state} if it is still waiting on this thread (no Dubbo call took it: the chain answered before
     * calling), so it can never ride on a later request's call; another request's state is left alone.
     */
    public static void forget(DubboCallState state) {
        if (HANDOFF.get() == state) {
            HANDOFF.remove();
        }
    }

    static DubboCallState take() {
        DubboCallState s = HANDOFF.get();
        if (s != null) {
            HANDOFF.remove();
        }
        return s;
    }

    /** What the provider sent back with its answer (set by {@link GatewayCallFilter}). */
    public void answered(String lanePath, String errorCode) {
        this.lanePath = lanePath;
        this.errorCode = errorCode;
    }

    /** e.g. {@code booking-service:gray,order-service:baseline}; null if the call was not answered. */
    public String lanePath() {
        return lanePath;
    }

    /** The provider's error code when the call failed with a business error. */
    public String errorCode() {
        return errorCode;
    }

    public String lane() {
        return lane;
    }
}
