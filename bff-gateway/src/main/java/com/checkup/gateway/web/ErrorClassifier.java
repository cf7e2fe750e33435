package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.dubbo.DubboCallState;
import com.checkup.gateway.routes.RouteMatch;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.service.GenericException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Maps whatever went wrong to the envelope: our own {@link ApiError}s as they are; a service's business error with
 * the code the service attached; Dubbo's failures by kind (no provider → 503, timeout → 504, flow control → 429);
 * anything else is a 500 whose details stay in the log under the trace id.
 */
public final class ErrorClassifier {
    private static final Logger log = LoggerFactory.getLogger(ErrorClassifier.class);

    public ApiError classify(ServerWebExchange exchange, Throwable t) {
        if (t instanceof ApiError) {
            return (ApiError) t;
        }
        String traceId = GatewayExchange.requestId(exchange);
        DubboCallState call = GatewayExchange.call(exchange);
        if (call != null && call.errorCode() != null) {
            ErrorCode known = ErrorCode.fromWire(call.errorCode());
            int status = known.name().equals(call.errorCode()) ? known.httpStatus() : 500;
            return new ApiError(call.errorCode(), status, providerMessage(t));
        }
        String service = serviceName(exchange);
        // An async call's future fails with the transport's exception, not an RpcException.
        if (find(t, org.apache.dubbo.remoting.TimeoutException.class) != null) {
            log.warn("{}: {} did not answer in time", traceId, service);
            return new ApiError(ErrorCode.TIMEOUT, "The " + service + " did not answer in time (trace " + traceId + ")");
        }
        org.apache.dubbo.remoting.RemotingException remoting = find(t, org.apache.dubbo.remoting.RemotingException.class);
        if (remoting != null) {
            log.warn("{}: {} unreachable: {}", traceId, service, remoting.getMessage());
            return new ApiError(ErrorCode.UNAVAILABLE, "The " + service + " is not available right now; try again shortly (trace " + traceId + ")");
        }
        RpcException rpc = find(t, RpcException.class);
        if (rpc != null) {
            if (rpc.isTimeout()) {
                log.warn("{}: {} did not answer in time: {}", traceId, service, rpc.getMessage());
                return new ApiError(ErrorCode.TIMEOUT, "The " + service + " did not answer in time (trace " + traceId + ")");
            }
            if (rpc.isLimitExceed()) {
                return ApiError.tooManyRequests("Too many requests, try again shortly", 1);
            }
            if (rpc.isSerialization()) {
                log.error("{}: serialization failure calling {}", traceId, service, rpc);
                return new ApiError(ErrorCode.INTERNAL, "Internal error (trace " + traceId + ")");
            }
            log.warn("{}: {} unavailable: {}", traceId, service, rpc.getMessage());
            return new ApiError(ErrorCode.UNAVAILABLE, "The " + service + " is not available right now; try again shortly (trace " + traceId + ")");
        }
        if (find(t, DecodingException.class) != null) {
            return new ApiError(ErrorCode.BAD_REQUEST, "The request could not be read");
        }
        ResponseStatusException rse = find(t, ResponseStatusException.class);
        if (rse != null) {
            int status = rse.getStatus().value();
            if (status == 415) {
                return ApiError.unsupportedMediaType(rse.getReason() == null ? "Unsupported media type" : rse.getReason());
            }
            ErrorCode code = status == 404 ? ErrorCode.NOT_FOUND : status == 405 ? ErrorCode.METHOD_NOT_ALLOWED
                    : status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE : status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
            return new ApiError(code.name(), status < 500 ? status : 500, status < 500 ? rse.getReason() == null ? code.name() : rse.getReason()
                    : "Internal error (trace " + traceId + ")");
        }
        log.error("{}: unexpected failure", traceId, t);
        return new ApiError(ErrorCode.INTERNAL, "Internal error (trace " + traceId + ")");
    }

    /** The service's own message: ShenYu re-wraps a generic call's exception, the innermost message is the service's. */
    private static String providerMessage(Throwable t) {
        GenericException g = find(t, GenericException.class);
        if (g != null && g.getExceptionMessage() != null) {
            return g.getExceptionMessage();
        }
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? "" : c.getMessage();
    }

    private static String serviceName(ServerWebExchange exchange) {
        RouteMatch m = GatewayExchange.route(exchange);
        if (m == null || m.route().getService() == null) {
            return "service";
        }
        String s = m.route().getService();
        String simple = s.substring(s.lastIndexOf('.') + 1);
        return simple.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
