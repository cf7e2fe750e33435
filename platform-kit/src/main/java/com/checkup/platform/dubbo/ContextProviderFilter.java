package com.checkup.platform.dubbo;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.platform.context.CallContextHolder;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcContext;
import org.apache.dubbo.rpc.RpcException;

/**
 * Binds the incoming call context (trace id, lane, caller) for the duration of a provider call, and answers a traced
 * call with the lanes it ran in ({@link LanePath}).
 */
@Activate(group = CommonConstants.PROVIDER, order = Integer.MIN_VALUE + 1000)
public class ContextProviderFilter implements Filter, Filter.Listener {
    private static final String RECORDER = "checkup.lane-path";

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        boolean traced = invocation.getAttachment(ContextKeys.LANE_TRACE) != null;
        LanePath previous = traced ? LanePath.open() : null;
        if (traced) {
            invocation.put(RECORDER, LanePath.current());
        }
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(DubboContext.read(invoker, invocation))) {
            return invoker.invoke(invocation);
        } finally {
            // Dubbo's ContextFilter passes the last downstream call's response attachments back up with ours; our
            // own keys describe this call only (the recorder has the downstream lanes already).
            RpcContext.getClientResponseContext().removeAttachment(ContextKeys.LANE_PATH);
            RpcContext.getClientResponseContext().removeAttachment(ContextKeys.ERROR_CODE);
            if (traced) {
                LanePath.close(previous);
            }
        }
    }

    /**
     * Set when the response is complete (listeners run after the whole chain returned).
     */
    @Override
    public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
        Object recorder = invocation.get(RECORDER);
        if (recorder instanceof LanePath path) {
            appResponse.setAttachment(ContextKeys.LANE_PATH, path.render(invoker.getUrl()));
        }
    }

    @Override
    public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
        // nothing to report: the call failed in the framework
    }
}
