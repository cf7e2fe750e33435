package com.checkup.platform.dubbo;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.platform.context.CallContextHolder;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.cluster.filter.ClusterFilter;

/**
 * Carries the current call context to outgoing calls: trace id, caller, and the lane as {@code dubbo.tag} (set here,
 * before routing, so Dubbo's tag router sees it). A traced call asks the next hop for its lanes too.
 */
@Activate(group = CommonConstants.CONSUMER, order = -10000)
public class ContextClusterFilter implements ClusterFilter, ClusterFilter.Listener {
    private static final String RECORDER = "checkup.lane-path-recorder";

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        DubboContext.write(CallContextHolder.currentOrNewRoot(), invoker, invocation);
        LanePath recorder = LanePath.current();
        if (recorder != null) {
            invocation.setAttachment(ContextKeys.LANE_TRACE, "1");
            invocation.put(RECORDER, recorder);
        }
        return invoker.invoke(invocation);
    }

    @Override
    public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
        Object recorder = invocation.get(RECORDER);
        if (recorder instanceof LanePath path) {
            path.add(appResponse.getAttachment(ContextKeys.LANE_PATH));
        }
    }

    @Override
    public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
        // nothing recorded: the hop did not answer
    }
}
