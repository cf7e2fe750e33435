package com.checkup.platform.dubbo;

import com.checkup.platform.context.CallContextHolder;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.cluster.filter.ClusterFilter;

/**
 * Consumer side, at cluster level (before routing, so the tag router sees the lane): writes the current call
 * context into the outgoing attachments. Dubbo 3.3 does not carry {@code dubbo.tag} from an incoming call to the
 * next hop by itself; this is what keeps every hop in the lane. A call made outside any context gets a new trace id.
 */
@Activate(group = CommonConstants.CONSUMER, order = -10000)
public class ContextClusterFilter implements ClusterFilter {
    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        DubboContext.write(CallContextHolder.currentOrNewRoot(), invocation);
        return invoker.invoke(invocation);
    }
}
