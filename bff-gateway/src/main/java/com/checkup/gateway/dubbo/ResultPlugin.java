package com.checkup.gateway.dubbo;

import com.checkup.gateway.web.JsonResponses;
import org.apache.shenyu.common.constant.Constants;
import org.apache.shenyu.common.enums.RpcTypeEnum;
import org.apache.shenyu.plugin.api.ShenyuPlugin;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.apache.shenyu.plugin.api.context.ShenyuContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Dubbo call's result as the JSON body (before ShenYu's response plugin, which would answer 200 with its
 * own wrapper). A generic call returns maps that carry each object's Java class under {@code "class"}: an internal
 * detail, removed.
 */
public final class ResultPlugin implements ShenyuPlugin {
    public static final int ORDER = 400;
    private final JsonResponses responses;

    public ResultPlugin(JsonResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> execute(ServerWebExchange exchange, ShenyuPluginChain chain) {
        Object result = exchange.getAttribute(Constants.RPC_RESULT);
        if (result == null || Constants.DUBBO_RPC_RESULT_EMPTY.equals(result)) {
            exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.NO_CONTENT);
            return exchange.getResponse().setComplete();
        }
        return responses.ok(exchange, clean(result));
    }

    /** Removes the {@code class} keys in place: the maps are the call's own, freshly deserialized. */
    @SuppressWarnings("unchecked")
    static Object clean(Object value) {
        if (value instanceof Map) {
            Map<Object, Object> map = (Map<Object, Object>) value;
            try {
                map.remove("class");
            } catch (UnsupportedOperationException e) {
                map = new LinkedHashMap<>(map);
                map.remove("class");
            }
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Map || v instanceof Collection) {
                    e.setValue(clean(v));
                }
            }
            return map;
        }
        if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            for (int i = 0; i < list.size(); i++) {
                Object v = list.get(i);
                if (v instanceof Map || v instanceof Collection) {
                    try {
                        list.set(i, clean(v));
                    } catch (UnsupportedOperationException e) {
                        return copy(list);
                    }
                }
            }
            return list;
        }
        if (value instanceof Collection) {
            return copy((Collection<Object>) value);
        }
        return value;
    }

    private static List<Object> copy(Collection<Object> c) {
        List<Object> out = new ArrayList<>(c.size());
        for (Object o : c) {
            out.add(clean(o));
        }
        return out;
    }

    @Override
    public boolean skip(ServerWebExchange exchange) {
        ShenyuContext context = exchange.getAttribute(Constants.CONTEXT);
        return context == null || !RpcTypeEnum.DUBBO.getName().equals(context.getRpcType());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String named() {
        return "checkupResult";
    }
}
