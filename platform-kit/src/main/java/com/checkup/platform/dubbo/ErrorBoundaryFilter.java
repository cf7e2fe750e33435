package com.checkup.platform.dubbo;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.context.CallContextHolder;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider side: whatever a method throws leaves this service as a {@link BusinessException}. Expected business
 * errors pass unchanged; a downstream RPC failure becomes UNAVAILABLE / TIMEOUT; anything else is logged here with
 * its stack trace and the trace id, and the caller sees INTERNAL with the trace id only — never internals.
 * Replaces Dubbo's {@code exception} filter (turned off with {@code -exception}, see {@link DubboDefaults}),
 * which would wrap our exception into a RuntimeException carrying the stack trace as text.
 */
@Activate(group = CommonConstants.PROVIDER, order = ErrorBoundaryFilter.ORDER)
public class ErrorBoundaryFilter implements Filter, Filter.Listener {
    /**
     * Inside Dubbo's GenericFilter (-20000): a generic caller (the gateway) gets the exception only as class name and
     * message, so the code must be attached before GenericFilter wraps it; the original stack trace is logged here too.
     */
    static final int ORDER = -19000;
    private static final Logger log = LoggerFactory.getLogger(ErrorBoundaryFilter.class);

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        return invoker.invoke(invocation);
    }

    @Override
    public void onResponse(Result appResponse, Invoker<?> invoker, Invocation invocation) {
        if (!appResponse.hasException()) {
            return;
        }
        if (!(appResponse.getException() instanceof BusinessException)) {
            // Listeners run after the filter chain returned: bind the call's context again for the log lines.
            try (CallContextHolder.Scope ignored = CallContextHolder.bind(DubboContext.read(invoker, invocation))) {
                appResponse.setException(toBusiness(appResponse.getException(), invoker, invocation));
            }
        }
        appResponse.setAttachment(ContextKeys.ERROR_CODE, ((BusinessException) appResponse.getException()).getCode());
    }

    @Override
    public void onError(Throwable t, Invoker<?> invoker, Invocation invocation) {
        // Framework errors on the provider side (e.g. a filter failing) are answered by Dubbo itself; log them
        // with the trace id so they can be found.
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(DubboContext.read(invoker, invocation))) {
            log.error("Dubbo failure serving {}.{}", invoker.getInterface().getName(), invocation.getMethodName(), t);
        }
    }

    static BusinessException toBusiness(Throwable t, Invoker<?> invoker, Invocation invocation) {
        String traceId = CallContextHolder.current().map(c -> c.traceId()).orElse("-");
        if (t instanceof RpcException rpc) {
            if (rpc.isTimeout()) {
                log.warn("Downstream timeout while serving {}.{}: {}", invoker.getInterface().getSimpleName(),
                        invocation.getMethodName(), rpc.getMessage());
                return new BusinessException(ErrorCode.TIMEOUT, "A downstream service did not answer in time (trace "
                        + traceId + ")");
            }
            if (rpc.isLimitExceed()) {
                return new BusinessException(ErrorCode.TOO_MANY_REQUESTS, "Too many requests, try again shortly");
            }
            log.warn("Downstream unavailable while serving {}.{}: {}", invoker.getInterface().getSimpleName(),
                    invocation.getMethodName(), rpc.getMessage());
            return new BusinessException(ErrorCode.UNAVAILABLE, "A downstream service is unavailable (trace "
                    + traceId + ")");
        }
        if (t instanceof org.springframework.dao.ConcurrencyFailureException) {
            // Deadlock victim or lock wait timeout: nothing was written (the transaction rolled back); a retry may pass.
            log.warn("Concurrent update while serving {}.{}: {}", invoker.getInterface().getSimpleName(),
                    invocation.getMethodName(), t.toString());
            return new BusinessException(ErrorCode.CONFLICT, "The data was being changed by another request; try again");
        }
        if (t instanceof org.springframework.dao.TransientDataAccessException
                || t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException) {
            log.warn("Database not answering while serving {}.{}: {}", invoker.getInterface().getSimpleName(),
                    invocation.getMethodName(), t.toString());
            return new BusinessException(ErrorCode.UNAVAILABLE, "The service's database is busy or unreachable; try again"
                    + " (trace " + traceId + ")");
        }
        log.error("Unexpected error serving {}.{}", invoker.getInterface().getName(), invocation.getMethodName(), t);
        return new BusinessException(ErrorCode.INTERNAL, "Internal error (trace " + traceId + ")");
    }
}
