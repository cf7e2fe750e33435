package com.checkup.gateway.web;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.dubbo.DubboCallState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes our JSON answers: results and the one error envelope {@code {code, message, traceId}}. */
public final class JsonResponses {
    private static final Logger log = LoggerFactory.getLogger(JsonResponses.class);
    public static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    private final ObjectMapper json;

    public JsonResponses(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    public Mono<Void> error(ServerWebExchange exchange, ApiError e) {
        ObjectNode body = json.createObjectNode()
                .put("code", e.code())
                .put("message", e.getMessage())
                .put("traceId", GatewayExchange.requestId(exchange));
        if (e.retryAfterSeconds() > 0 && !exchange.getResponse().isCommitted()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return write(exchange, e.status(), body);
    }

    public Mono<Void> ok(ServerWebExchange exchange, Object body) {
        return write(exchange, 200, body);
    }

    public Mono<Void> write(ServerWebExchange exchange, int status, Object body) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            log.warn("Response to {} already committed; dropping a late answer (status {})", GatewayExchange.requestId(exchange), status);
            return Mono.empty();
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            log.error("Could not write a JSON answer", e);
            bytes = ("{\"code\":\"INTERNAL\",\"message\":\"Internal error\",\"traceId\":\"" + GatewayExchange.requestId(exchange) + "\"}").getBytes();
            status = 500;
        }
        // resolve() walks a fresh copy of every status; most answers are 200
        HttpStatus httpStatus = status == 200 ? HttpStatus.OK : HttpStatus.resolve(status);
        response.setStatusCode(httpStatus == null ? HttpStatus.INTERNAL_SERVER_ERROR : httpStatus);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        nosniff(response);
        laneHeader(exchange);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** Browsers must take every answer as the type it says it is (a JSON error, a PDF), never guess another. */
    public static void nosniff(ServerHttpResponse response) {
        response.getHeaders().set(NOSNIFF_HEADER, "nosniff");
    }

    /** A tester sees which lane each hop actually ran in. */
    private static void laneHeader(ServerWebExchange exchange) {
        Caller caller = GatewayExchange.caller(exchange);
        DubboCallState call = GatewayExchange.call(exchange);
        if (caller != null && caller.isTester() && call != null && call.lanePath() != null) {
            exchange.getResponse().getHeaders().set(ContextKeys.HTTP_LANE_PATH, call.lanePath());
        }
    }
}
