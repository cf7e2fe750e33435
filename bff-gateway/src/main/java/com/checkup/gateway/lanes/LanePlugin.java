package com.checkup.gateway.lanes;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.GatewayExchange;
import org.apache.shenyu.common.dto.RuleData;
import org.apache.shenyu.common.dto.SelectorData;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.apache.shenyu.plugin.base.AbstractShenyuPlugin;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.function.Supplier;

/**
 * Decides the request's lane: {@code X-Lane} from a tester (ignored from anyone else), else the live lane rules
 * (user, tenant, app version), else the baseline. The lane travels as {@code dubbo.tag}, never forced, so a service
 * without an instance in the lane is served by its baseline.
 */
public final class LanePlugin extends AbstractShenyuPlugin {
    public static final String NAME = "checkupLane";
    private final Supplier<LaneRules> rules;

    public LanePlugin(Supplier<LaneRules> rules) {
        this.rules = rules;
    }

    @Override
    protected Mono<Void> doExecute(ServerWebExchange exchange, ShenyuPluginChain chain, SelectorData selector, RuleData rule) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        Caller caller = GatewayExchange.caller(exchange);
        String lane = null;
        String asked = headers.getFirst(ContextKeys.HTTP_LANE);
        if (caller != null && caller.isTester() && asked != null && !asked.isBlank()) {
            String a = asked.trim();
            if (!a.equals("baseline")) {
                if (!LaneRules.LANE.matcher(a).matches()) {
                    return Mono.error(new ApiError(ErrorCode.BAD_REQUEST, "X-Lane must be 1-32 of a-z, 0-9 and '-'"));
                }
                lane = a;
            }
        } else {
            lane = rules.get().laneFor(caller == null ? null : caller.userId(), caller == null ? null : caller.tenantId(),
                    headers.getFirst(ContextKeys.HTTP_APP_VERSION));
        }
        if (lane != null) {
            exchange.getAttributes().put(GatewayExchange.LANE, lane);
        }
        return chain.execute(exchange);
    }

    @Override
    public boolean skip(ServerWebExchange exchange) {
        return GatewayExchange.route(exchange) == null;
    }

    @Override
    public int getOrder() {
        return 40;
    }

    @Override
    public String named() {
        return NAME;
    }
}
