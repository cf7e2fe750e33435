package com.checkup.gateway.auth;

import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.routes.Route;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.GatewayExchange;
import org.apache.shenyu.common.dto.RuleData;
import org.apache.shenyu.common.dto.SelectorData;
import org.apache.shenyu.common.enums.PluginEnum;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.apache.shenyu.plugin.base.AbstractShenyuPlugin;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every route but the open ones needs a valid, unexpired bearer token whose persona the route allows: 401 without
 * or with a bad token, 403 for a persona the route does not serve. The verified caller goes to the services.
 * ShenYu skips a plugin without plugin data, so a route can only reach a service once the route feed has switched
 * this plugin on (and the route document cannot switch it off).
 */
public final class AuthPlugin extends AbstractShenyuPlugin {
    public static final String NAME = "checkupAuth";
    private final TokenCodec tokens;

    public AuthPlugin(TokenCodec tokens) {
        this.tokens = tokens;
    }

    @Override
    protected Mono<Void> doExecute(ServerWebExchange exchange, ShenyuPluginChain chain, SelectorData selector, RuleData rule) {
        Route route = GatewayExchange.route(exchange).route();
        if (route.isOpen()) {
            return chain.execute(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new ApiError(ErrorCode.UNAUTHENTICATED, "Sign in first: send Authorization: Bearer <token> from POST /api/auth/login"));
        }
        Caller caller;
        try {
            caller = tokens.verify(header.substring(7).trim());
        } catch (TokenCodec.InvalidToken e) {
            return Mono.error(new ApiError(ErrorCode.UNAUTHENTICATED, e.getMessage() + "; sign in again"));
        }
        if (!route.getPersonas().contains(caller.persona())) {
            return Mono.error(new ApiError(ErrorCode.FORBIDDEN, "This route is not open to " + caller.persona()));
        }
        exchange.getAttributes().put(GatewayExchange.CALLER, caller);
        return chain.execute(exchange);
    }

    @Override
    public boolean skip(ServerWebExchange exchange) {
        return GatewayExchange.route(exchange) == null;
    }

    @Override
    public int getOrder() {
        return PluginEnum.JWT.getCode();
    }

    @Override
    public String named() {
        return NAME;
    }
}
