package com.checkup.gateway.routes;

import com.checkup.gateway.web.GatewayExchange;
import org.apache.shenyu.common.constant.Constants;
import org.apache.shenyu.common.dto.MetaData;
import org.apache.shenyu.plugin.api.context.ShenyuContext;
import org.apache.shenyu.plugin.api.context.ShenyuContextBuilder;
import org.apache.shenyu.plugin.api.context.ShenyuContextDecorator;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import java.time.LocalDateTime;
import java.util.function.Supplier;

/**
 * Replaces ShenYu's context builder: ShenYu keys metadata by path alone, but our API has the same path for different
 * methods ({@code GET} and {@code POST /api/app/bookings}). We match method + path against the live route table,
 * and hand ShenYu the matched route's metadata. Requests without a route get rpc type {@code local}, which no
 * ShenYu RPC plugin serves; our routing plugin answers them.
 */
public final class RouteContextBuilder implements ShenyuContextBuilder {
    public static final String LOCAL_RPC_TYPE = "local";
    private final Supplier<RouteTable> routes;
    private final ShenyuRouteFeed feed;
    private final ShenyuContextDecorator dubbo;

    public RouteContextBuilder(Supplier<RouteTable> routes, ShenyuRouteFeed feed, ShenyuContextDecorator dubboDecorator) {
        this.routes = routes;
        this.feed = feed;
        this.dubbo = dubboDecorator;
    }

    @Override
    public ShenyuContext build(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getURI().getRawPath();
        String method = request.getMethodValue();
        ShenyuContext context = new ShenyuContext();
        context.setPath(path);
        context.setRealUrl(path);
        context.setHttpMethod(method);
        context.setStartDateTime(LocalDateTime.now());
        context.setRpcType(LOCAL_RPC_TYPE);
        RouteMatch match = routes.get().match(method, path);
        if (match == null) {
            return context;
        }
        exchange.getAttributes().put(GatewayExchange.ROUTE, match);
        if (match.route().isDubbo()) {
            MetaData metaData = feed.metaData(match.route());
            if (metaData != null) {
                exchange.getAttributes().put(Constants.META_DATA, metaData);
                return dubbo.decorator(context, metaData);
            }
        }
        return context;
    }
}
