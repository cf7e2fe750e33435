package com.checkup.platform.dubbo;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.TraceIds;
import org.apache.dubbo.rpc.Invocation;

/** Reads and writes the call context as Dubbo attachments. */
final class DubboContext {
    /** Our own copy of the lane: Dubbo treats {@code dubbo.tag} specially and may drop it. */
    static final String LANE = "checkup-lane";

    private DubboContext() {
    }

    static CallContext read(Invocation inv) {
        String lane = inv.getAttachment(LANE);
        if (lane == null || lane.isBlank()) {
            lane = inv.getAttachment(ContextKeys.DUBBO_TAG);
        }
        return new CallContext(
                TraceIds.acceptOrNew(inv.getAttachment(ContextKeys.TRACE_ID)),
                lane,
                inv.getAttachment(ContextKeys.PERSONA),
                inv.getAttachment(ContextKeys.TENANT_ID),
                inv.getAttachment(ContextKeys.USER_ID));
    }

    static void write(CallContext c, Invocation inv) {
        inv.setAttachment(ContextKeys.TRACE_ID, c.traceId());
        if (c.lane() != null) {
            // Dubbo's tag router reads dubbo.tag from the invocation; "force" stays off so a lane without
            // an instance of this service falls back to the baseline instances.
            inv.setAttachment(ContextKeys.DUBBO_TAG, c.lane());
            inv.setAttachment(LANE, c.lane());
        }
        putIfPresent(inv, ContextKeys.PERSONA, c.persona());
        putIfPresent(inv, ContextKeys.TENANT_ID, c.tenantId());
        putIfPresent(inv, ContextKeys.USER_ID, c.userId());
    }

    private static void putIfPresent(Invocation inv, String key, String value) {
        if (value != null) {
            inv.setAttachment(key, value);
        }
    }
}
