package com.checkup.platform.dubbo;

import com.checkup.platform.context.CallContextHolder;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;

/**
 * Provider side, first in the chain: binds the incoming trace id, lane and caller identity to the thread (and MDC)
 * for the duration of the call, so outgoing calls and events made while serving it carry them on.
 */
@Activate(group = CommonConstants.PROVIDER, order = Integer.MIN_VALUE + 1000)
public class ContextProviderFilter implements Filter {
    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(DubboContext.read(invocation))) {
            return invoker.invoke(invocation);
        }
    }
}
