package com.checkup.platform.sentinel;

import com.alibaba.csp.sentinel.adapter.dubbo3.SentinelDubboProviderFilter;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;

/**
 * Sentinel's provider filter, entered only while this process has flow rules ({@link FlowRules#inForce()}); replaces
 * {@code sentinel.dubbo.provider.filter} ({@link com.checkup.platform.dubbo.DubboDefaults}). With no rule, Sentinel's
 * two entries per call (interface and method: resource names built, contexts, sliding-window counters, a metrics log
 * line per resource each second) limit nothing: they took ~8 % of the hold bench's CPU samples.
 */
@Activate(group = CommonConstants.PROVIDER)
public class RuledSentinelProviderFilter extends SentinelDubboProviderFilter {
    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        return FlowRules.inForce() ? super.invoke(invoker, invocation) : invoker.invoke(invocation);
    }
}
