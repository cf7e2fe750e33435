package com.checkup.gateway.routes;

import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.GatewayExchange;
import org.apache.shenyu.plugin.api.ShenyuPlugin;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;
import java.util.function.Supplier;

/** A request without a route stops here: 404, or 405 naming the methods the path has. */
public final class RoutingPlugin implements ShenyuPlugin {
    public static final int ORDER = 12;
    private final Supplier<RouteTable> routes;

    public RoutingPlugin(Supplier<RouteTable> routes) {
        this.routes = routes;
    }

    @Override
    public Mono<Void> execute(ServerWebExchange exchange, ShenyuPluginChain chain) {
        if (GatewayExchange.route(exchange) != null) {
            return chain.execute(exchange);
        }
        String path = exchange.getRequest().getURI().getRawPath();
        Set<String> methods = routes.get().methodsFor(path);
        if (!methods.isEmpty()) {
            return Mono.error(new ApiError(ErrorCode.METHOD_NOT_ALLOWED, exchange.getRequest().getMethodValue() + " is not allowed on "
                    + path + "; use " + String.join(" or ", methods)));
        }
        return Mono.error(new ApiError(ErrorCode.NOT_FOUND, "No route for " + exchange.getRequest().getMethodValue() + " " + path));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String named() {
        return "checkupRouting";
    }
}
