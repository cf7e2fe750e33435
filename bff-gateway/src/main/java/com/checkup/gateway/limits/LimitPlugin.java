package com.checkup.gateway.limits;

import com.alibaba.csp.sentinel.AsyncEntry;
import com.alibaba.csp.sentinel.EntryType;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.context.ContextUtil;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.ClientAddress;
import com.checkup.gateway.web.GatewayExchange;
import org.apache.shenyu.common.dto.RuleData;
import org.apache.shenyu.common.dto.SelectorData;
import org.apache.shenyu.common.enums.PluginEnum;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.apache.shenyu.plugin.base.AbstractShenyuPlugin;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.function.Supplier;

/**
 * Sentinel flow control per route, with the tenant (else the user, else the client address as {@link ClientAddress}
 * counts it) as Sentinel's origin, so per-tenant rules apply. Over the limit: 429 in the envelope. The entry is async (exited when the response is
 * done, on whichever thread), as Sentinel requires for reactive code.
 */
public final class LimitPlugin extends AbstractShenyuPlugin {
    public static final String NAME = "checkupLimits";

    static final int CLIENT_BUCKETS = 4096;
    private static final com.google.common.hash.HashFunction CLIENT_HASH = com.google.common.hash.Hashing.sipHash24(
            new java.security.SecureRandom().nextLong(), new java.security.SecureRandom().nextLong());

    private final Supplier<LimitRules> rules;

    public LimitPlugin(Supplier<LimitRules> rules) {
        this.rules = rules;
    }

    @Override
    protected Mono<Void> doExecute(ServerWebExchange exchange, ShenyuPluginChain chain, SelectorData selector, RuleData rule) {
        String routeId = GatewayExchange.route(exchange).route().getId();
        if (!rules.get().limits(routeId)) {
            // No rule for this route: nothing to count against, so no Sentinel entry at all.
            return chain.execute(exchange);
        }
        String resource = LimitRules.resource(routeId);
        AsyncEntry entry;
        ContextUtil.enter(resource, origin(exchange));
        try {
            entry = SphU.asyncEntry(resource, EntryType.IN);
        } catch (BlockException e) {
            return Mono.error(ApiError.tooManyRequests("Too many requests on this route; try again shortly", 1));
        } finally {
            ContextUtil.exit();
        }
        return chain.execute(exchange).doFinally(s -> entry.exit());
    }

    private static String origin(ServerWebExchange exchange) {
        Caller c = GatewayExchange.caller(exchange);
        if (c != null) {
            return c.tenantId() != null ? c.tenantId() : c.userId();
        }
        return clientOrigin(GatewayExchange.client(exchange));
    }

    /**
     * A signed-out caller's origin: its address as counted, hashed into one of {@value #CLIENT_BUCKETS} buckets with a
     * key of this process. Sentinel keeps a counter per origin and never forgets one, so one per address would let
     * anyone grow the gateway's memory by calling from new addresses; two clients rarely share a bucket, and nobody can
     * aim for another's without the key.
     */
    static String clientOrigin(java.net.InetAddress client) {
        long hash = CLIENT_HASH.hashUnencodedChars(ClientAddress.countedAs(client)).asLong();
        return "client#" + Math.floorMod(hash, CLIENT_BUCKETS);
    }

    @Override
    public boolean skip(ServerWebExchange exchange) {
        return GatewayExchange.route(exchange) == null;
    }

    @Override
    public int getOrder() {
        return PluginEnum.RATE_LIMITER.getCode();
    }

    @Override
    public String named() {
        return NAME;
    }
}
