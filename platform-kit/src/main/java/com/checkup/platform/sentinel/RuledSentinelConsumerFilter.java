package com.checkup.platform.sentinel;

import com.alibaba.csp.sentinel.adapter.dubbo3.SentinelDubboConsumerFilter;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;

/** Sentinel's consumer filter, entered only while this process has flow rules (see {@link RuledSentinelProviderFilter}). */
@Activate(group = CommonConstants.CONSUMER)
public class RuledSentinelConsumerFilter extends SentinelDubboConsumerFilter {
    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        return FlowRules.inForce() ? super.invoke(invoker, invocation) : invoker.invoke(invocation);
    }
}
