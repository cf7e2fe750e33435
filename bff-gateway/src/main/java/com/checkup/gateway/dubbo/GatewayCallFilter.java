package com.checkup.gateway.dubbo;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.contracts.context.IdentityAssertion;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.cluster.filter.ClusterFilter;

/**
 * Writes the request's context onto the gateway's outgoing call, the caller signed with the internal identity key
 * ({@link IdentityAssertion}: providers believe nothing else), before routing (so Dubbo's tag router sees the
 * lane; tag routing falls back to the baseline when the lane has no instance), and reads back the lane path and the
 * error code. Attachments go on the invocation itself: nothing lingers in a thread's RpcContext for the next request.
 */
@Activate(group = CommonConstants.CONSUMER, order = 100)
public class GatewayCallFilter implements ClusterFilter, ClusterFilter.Listener {
    private static final String STATE = "checkup.gateway.call";
    private static final String LANE_COPY = "checkup-lane";
    /** Set once at start (GatewayConfig refuses to start without it); Dubbo makes this filter, not Spring. */
    private static volatile IdentityAssertion identity;

    public static void useIdentityKey(IdentityAssertion key) {
        identity = key;
    }

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        DubboCallState state = DubboCallState.take();
        if (state != null) {
            invocation.put(STATE, state);
            set(invocation, ContextKeys.TRACE_ID, state.traceId);
            set(invocation, ContextKeys.PERSONA, state.persona);
            set(invocation, ContextKeys.TENANT_ID, state.tenantId);
            set(invocation, ContextKeys.USER_ID, state.userId);
            IdentityAssertion key = identity;
            set(invocation, IdentityAssertion.ATTACHMENT, state.persona == null || key == null ? null
                    : key.sign(state.persona, state.tenantId, state.userId, state.traceId,
                            invoker.getUrl() == null ? null : invoker.getUrl().getServiceInterface(),
                            System.currentTimeMillis() / 1000));
            set(invocation, ContextKeys.DUBBO_TAG, state.lane);
            set(invocation, LANE_COPY, state.lane);
            if (state.traceLanes) {
                invocation.setAttachment(ContextKeys.LANE_TRACE, "1");
            } else {
                invocation.getObjectAttachments().remove(ContextKeys.LANE_TRACE);
            }
        } else {
            // Not a gateway request (none other are made here): never let a stale tag route it, nor a caller ride on it.
            for (String k : new String[] {ContextKeys.DUBBO_TAG, ContextKeys.PERSONA, ContextKeys.TENANT_ID,
                    ContextKeys.USER_ID, IdentityAssertion.ATTACHMENT}) {
                invocation.getObjectAttachments().remove(k);
            }
        }
        return invoker.invoke(invocation);
    }

    @Override
    public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
        Object state = invocation.get(STATE);
        if (state instanceof DubboCallState) {
            ((DubboCallState) state).answered(appResponse.getAttachment(ContextKeys.LANE_PATH),
                    appResponse.hasException() ? appResponse.getAttachment(ContextKeys.ERROR_CODE) : null);
        }
    }

    @Override
    public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
        // the error itself reaches the plugin chain; there is nothing to read back
    }

    private static void set(Invocation invocation, String key, String value) {
        if (value == null) {
            invocation.getObjectAttachments().remove(key);
        } else {
            invocation.setAttachment(key, value);
        }
    }
}
