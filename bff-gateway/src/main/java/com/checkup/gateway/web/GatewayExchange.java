package com.checkup.gateway.web;

import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.dubbo.DubboCallState;
import com.checkup.gateway.routes.RouteMatch;
import org.springframework.web.server.ServerWebExchange;

/** What our filters and plugins learn about a request, kept as exchange attributes. */
public final class GatewayExchange {
    public static final String REQUEST_ID = "checkup.requestId";
    public static final String ROUTE = "checkup.route";
    public static final String CALLER = "checkup.caller";
    public static final String LANE = "checkup.lane";
    public static final String CALL = "checkup.call";
    /** Set by {@link EdgeWebFilter} only when a proxy is trusted ({@link ClientAddress}); otherwise the TCP peer. */
    public static final String CLIENT = "checkup.client";

    private GatewayExchange() {
    }

    public static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    public static RouteMatch route(ServerWebExchange exchange) {
        return exchange.getAttribute(ROUTE);
    }

    public static Caller caller(ServerWebExchange exchange) {
        return exchange.getAttribute(CALLER);
    }

    public static String lane(ServerWebExchange exchange) {
        return exchange.getAttribute(LANE);
    }

    public static DubboCallState call(ServerWebExchange exchange) {
        return exchange.getAttribute(CALL);
    }

    /** The client's address ({@link ClientAddress}): what a trusted proxy reported, else the TCP peer; null if unknown. */
    public static java.net.InetAddress client(ServerWebExchange exchange) {
        java.net.InetAddress resolved = exchange.getAttribute(CLIENT);
        if (resolved != null) {
            return resolved;
        }
        java.net.InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        return peer == null ? null : peer.getAddress();
    }
}
