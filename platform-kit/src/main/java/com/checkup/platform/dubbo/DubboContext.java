package com.checkup.platform.dubbo;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.contracts.context.IdentityAssertion;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.InternalIdentity;
import com.checkup.platform.context.TraceIds;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;

/**
 * Reads and writes the call context as Dubbo attachments. The caller (persona, tenant, user) is believed only with a
 * valid {@link IdentityAssertion} under this process's internal key: anyone who can reach a Dubbo port can set plain
 * attachments, so an unsigned or badly signed caller reads as anonymous.
 */
final class DubboContext {
    /** Our own copy of the lane: Dubbo treats {@code dubbo.tag} specially and may drop it. */
    static final String LANE = "checkup-lane";

    private DubboContext() {
    }

    /** The service a call is for, as the assertion names it: the interface of the invoker's URL (the same both sides). */
    static String serviceOf(Invoker<?> invoker) {
        return invoker == null || invoker.getUrl() == null ? null : invoker.getUrl().getServiceInterface();
    }

    static CallContext read(Invoker<?> invoker, Invocation inv) {
        String lane = inv.getAttachment(LANE);
        if (lane == null || lane.isBlank()) {
            lane = inv.getAttachment(ContextKeys.DUBBO_TAG);
        }
        String rawTrace = inv.getAttachment(ContextKeys.TRACE_ID);
        String traceId = TraceIds.acceptOrNew(rawTrace);
        String persona = inv.getAttachment(ContextKeys.PERSONA);
        String tenant = inv.getAttachment(ContextKeys.TENANT_ID);
        String user = inv.getAttachment(ContextKeys.USER_ID);
        IdentityAssertion key = InternalIdentity.current();
        boolean believed = persona != null && key != null && traceId.equals(rawTrace)
                && key.verify(inv.getAttachment(IdentityAssertion.ATTACHMENT), persona, tenant, user, rawTrace,
                        serviceOf(invoker), System.currentTimeMillis() / 1000);
        return believed ? new CallContext(traceId, lane, persona, tenant, user)
                : new CallContext(traceId, lane, null, null, null);
    }

    static void write(CallContext c, Invoker<?> invoker, Invocation inv) {
        inv.setAttachment(ContextKeys.TRACE_ID, c.traceId());
        if (c.lane() != null) {
            // Dubbo's tag router reads dubbo.tag from the invocation; "force" stays off so a lane without
            // an instance of this service falls back to the baseline instances.
            inv.setAttachment(ContextKeys.DUBBO_TAG, c.lane());
            inv.setAttachment(LANE, c.lane());
        }
        IdentityAssertion key = InternalIdentity.current();
        if (c.persona() == null || key == null) {
            // Anonymous (or no key to vouch for anyone with): send no caller at all rather than an unsigned one.
            for (String k : new String[] {ContextKeys.PERSONA, ContextKeys.TENANT_ID, ContextKeys.USER_ID,
                    IdentityAssertion.ATTACHMENT}) {
                inv.getObjectAttachments().remove(k);
            }
            return;
        }
        set(inv, ContextKeys.PERSONA, c.persona());
        set(inv, ContextKeys.TENANT_ID, c.tenantId());
        set(inv, ContextKeys.USER_ID, c.userId());
        inv.setAttachment(IdentityAssertion.ATTACHMENT, key.sign(c.persona(), c.tenantId(), c.userId(), c.traceId(),
                serviceOf(invoker), System.currentTimeMillis() / 1000));
    }

    private static void set(Invocation inv, String key, String value) {
        if (value == null) {
            inv.getObjectAttachments().remove(key);
        } else {
            inv.setAttachment(key, value);
        }
    }
}
