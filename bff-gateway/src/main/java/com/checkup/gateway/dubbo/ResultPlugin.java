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
        com.checkup.gateway.routes.RouteMatch match = com.checkup.gateway.web.GatewayExchange.route(exchange);
        if (match != null && match.route().returnsFile() && result instanceof Map) {
            return file(exchange, (Map<?, ?>) result);
        }
        return responses.ok(exchange, clean(result));
    }

    /**
     * A file result ({@code fileName}, {@code contentType}, {@code content}) as the body itself, for download, with
     * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}.
     */
    private Mono<Void> file(ServerWebExchange exchange, Map<?, ?> result) {
        Object content = result.get("content");
        if (!(content instanceof byte[])) {
            return Mono.error(new IllegalStateException("file route answered without byte content"));
        }
        byte[] bytes = (byte[]) content;
        org.springframework.http.server.reactive.ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(org.springframework.http.HttpStatus.OK);
        Object type = result.get("contentType");
        response.getHeaders().setContentType(org.springframework.http.MediaType.parseMediaType(
                type == null ? "application/octet-stream" : type.toString()));
        Object name = result.get("fileName");
        response.getHeaders().setContentDisposition(org.springframework.http.ContentDisposition.builder("attachment")
                .filename(name == null ? "download" : name.toString(), java.nio.charset.StandardCharsets.UTF_8).build());
        // A report is personal data: never kept by a browser or proxy cache, never sniffed into another type.
        response.getHeaders().setCacheControl("no-store");
        JsonResponses.nosniff(response);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    static Object clean(Object value) {
        if (value instanceof Map) {
            Map<?, ?> in = (Map<?, ?>) value;
            Map<Object, Object> out = new LinkedHashMap<>(in.size());
            for (Map.Entry<?, ?> e : in.entrySet()) {
                if (!"class".equals(e.getKey())) {
                    out.put(e.getKey(), clean(e.getValue()));
                }
            }
            return out;
        }
        if (value instanceof Collection) {
            List<Object> out = new ArrayList<>(((Collection<?>) value).size());
            for (Object o : (Collection<?>) value) {
                out.add(clean(o));
            }
            return out;
        }
        return value;
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
