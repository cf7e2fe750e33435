package com.checkup.gateway.dubbo;

import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.routes.Route;
import com.checkup.gateway.routes.RouteMatch;
import com.checkup.gateway.routes.RouteParam;
import com.checkup.gateway.routes.Source;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.GatewayExchange;
import com.checkup.gateway.web.RequestBodies;
import org.apache.shenyu.common.constant.Constants;
import org.apache.shenyu.common.enums.PluginEnum;
import org.apache.shenyu.common.enums.RpcTypeEnum;
import org.apache.shenyu.plugin.api.ShenyuPlugin;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.apache.shenyu.plugin.api.context.ShenyuContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes the place of ShenYu's param-transform plugin (same order, just before the apache-dubbo plugin): binds the
 * request to the route's parameters ({@link ParameterBinder}), then hands the call's context to the Dubbo filter on
 * the very thread ShenYu will make the call from. A protected route without a verified caller never reaches a
 * service, even if the auth plugin's data were missing (fail closed).
 */
public final class CallParametersPlugin implements ShenyuPlugin {
    private final ParameterBinder binder;
    private final int maxBodyBytes;

    public CallParametersPlugin(ParameterBinder binder, int maxBodyBytes) {
        this.binder = binder;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> execute(ServerWebExchange exchange, ShenyuPluginChain chain) {
        RouteMatch match = GatewayExchange.route(exchange);
        Route route = match.route();
        Caller caller = GatewayExchange.caller(exchange);
        if (!route.isOpen() && caller == null) {
            return Mono.error(new ApiError(ErrorCode.UNAUTHENTICATED, "Sign in first"));
        }
        if (!readsBody(route)) {
            // No body to wait for: bind at once (ShenYu's chain runs this inside Mono.defer, so a binding error
            // still arrives as an error signal), without a flatMap around the rest of the call.
            return call(exchange, chain, match, caller, NO_BODY);
        }
        return RequestBodies.read(exchange, route.getMaxBodyBytes() > 0 ? route.getMaxBodyBytes() : maxBodyBytes)
                .flatMap(bytes -> call(exchange, chain, match, caller, bytes));
    }

    private static final byte[] NO_BODY = new byte[0];

    private Mono<Void> call(ServerWebExchange exchange, ShenyuPluginChain chain, RouteMatch match, Caller caller, byte[] bytes) {
        java.net.InetAddress client = GatewayExchange.client(exchange);
        String clientAddress = client == null ? null : client.getHostAddress();
        String args = binder.bind(match.route(), new ParameterBinder.Request(match.variables(),
                exchange.getRequest().getQueryParams(), exchange.getRequest().getHeaders(), bytes, clientAddress));
        exchange.getAttributes().put(Constants.PARAM_TRANSFORM, args);
        DubboCallState call = new DubboCallState(GatewayExchange.requestId(exchange), GatewayExchange.lane(exchange),
                caller == null ? null : caller.persona(), caller == null ? null : caller.tenantId(),
                caller == null ? null : caller.userId(), caller != null && caller.isTester());
        exchange.getAttributes().put(GatewayExchange.CALL, call);
        // Deferred to subscription: from here to ShenYu's $invoke there is no thread switch.
        return Mono.defer(() -> {
            DubboCallState.handOff(call);
            return chain.execute(exchange);
        }).doFinally(signal -> DubboCallState.forget(call));
    }

    private static boolean readsBody(Route route) {
        for (RouteParam p : route.getParams()) {
            if (Source.parse(p.getFrom()).readsBody()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean skip(ServerWebExchange exchange) {
        ShenyuContext context = exchange.getAttribute(Constants.CONTEXT);
        return context == null || !RpcTypeEnum.DUBBO.getName().equals(context.getRpcType()) || GatewayExchange.route(exchange) == null;
    }

    @Override
    public int getOrder() {
        return PluginEnum.RPC_PARAM_TRANSFORM.getCode();
    }

    @Override
    public String named() {
        return PluginEnum.RPC_PARAM_TRANSFORM.getName();
    }
}
