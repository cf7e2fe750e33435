package com.checkup.gateway.web;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.dubbo.DubboCallState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Runs before ShenYu for every request: takes or makes the request id ({@code X-Request-Id}, echoed back and carried
 * to services as the trace id), removes headers with which a client could steer ShenYu itself ({@code rpc_type},
 * {@code Dubbo_Tag_Route}: lanes are the lane plugin's decision only), answers the health probes, refuses bodies the
 * gateway cannot read before anything reads them (a multipart body: 415; a {@code Content-Type} that is not a media
 * type: 400), and writes one access-log line per request with the lane decided and the lanes the call ran in, and
 * records its metrics. Every answer carries {@code X-Content-Type-Options: nosniff}. The web clients' files
 * ({@link WebClients}) are answered here too, before ShenYu: they need no route, token or lane.
 */
public final class EdgeWebFilter implements WebFilter {
    private static final Logger access = LoggerFactory.getLogger("checkup.gateway.access");
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String[] STEERING_HEADERS = {"rpc_type", "Dubbo_Tag_Route", "dubbo_tag_route"};

    private final JsonResponses responses;
    private final BooleanSupplier ready;
    private final GatewayMetrics metrics;
    private final WebClients webClients;
    /** Route interfaces no provider serves (registry lookups: blocking, so called off the event loop). */
    private volatile java.util.function.Supplier<java.util.List<String>> unreachable = java.util.List::of;
    private ClientAddress clientAddress = ClientAddress.peerOnly();

    public EdgeWebFilter(JsonResponses responses, BooleanSupplier ready, GatewayMetrics metrics) {
        this(responses, ready, metrics, new WebClients(java.util.Set.of(), Map.of(), responses));
    }

    public EdgeWebFilter(JsonResponses responses, BooleanSupplier ready, GatewayMetrics metrics, WebClients webClients) {
        this.responses = responses;
        this.ready = ready;
        this.metrics = metrics;
        this.webClients = webClients;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        ServerHttpRequest request = exchange.getRequest();
        String incoming = request.getHeaders().getFirst(ContextKeys.HTTP_REQUEST_ID);
        String requestId = incoming != null && ACCEPTABLE_ID.matcher(incoming).matches() ? incoming : newId();
        exchange.getAttributes().put(GatewayExchange.REQUEST_ID, requestId);
        exchange.getResponse().getHeaders().set(ContextKeys.HTTP_REQUEST_ID, requestId);
        JsonResponses.nosniff(exchange.getResponse());

        String path = request.getURI().getRawPath();
        if (path.startsWith("/actuator/health")) {
            return health(exchange, path);
        }
        if (path.equals("/actuator/prometheus") && "GET".equals(request.getMethodValue())) {
            byte[] text = metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponse().getHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(text)));
        }
        String client = webClients.clientOf(path);
        if (client != null) {
            // logged like any request: a probe of the web client's paths leaves its trace too
            return webClients.serve(exchange, client).doFinally(signal -> log(exchange, start));
        }
        ApiError unreadable = unreadableBody(request);
        if (unreadable != null) {
            return responses.error(exchange, unreadable).doFinally(signal -> {
                metrics.record(exchange, System.nanoTime() - start);
                log(exchange, start);
            });
        }
        ServerWebExchange cleaned = exchange;
        for (String h : STEERING_HEADERS) {
            if (request.getHeaders().containsKey(h)) {
                cleaned = exchange.mutate().request(r -> r.headers(headers -> {
                    for (String s : STEERING_HEADERS) {
                        headers.remove(s);
                    }
                })).build();
                break;
            }
        }
        ServerWebExchange ex = cleaned;
        if (clientAddress.trustsAny()) {
            java.net.InetSocketAddress peer = request.getRemoteAddress();
            java.net.InetAddress address = clientAddress.of(peer == null ? null : peer.getAddress(),
                    request.getHeaders().get(ClientAddress.FORWARDED_FOR));
            if (address != null) {
                ex.getAttributes().put(GatewayExchange.CLIENT, address);
            }
        }
        return chain.filter(ex).doFinally(signal -> {
            metrics.record(ex, System.nanoTime() - start);
            log(ex, start);
        });
    }

    /** Proxies whose {@code X-Forwarded-For} names the client (default: none, the TCP peer is the client). */
    public EdgeWebFilter clientAddress(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
        return this;
    }

    /**
     * A body no part of the gateway can read, refused before ShenYu's filters touch it (its file-size filter reads a
     * multipart body whole, without limit; a malformed Content-Type makes it fail with a 500). Any method: a GET that
     * says multipart is refused too.
     */
    static ApiError unreadableBody(ServerHttpRequest request) {
        String declared = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (declared == null || declared.isBlank()) {
            return null; // as Spring reads it: no type
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(declared);
        } catch (InvalidMediaTypeException e) {
            return new ApiError(ErrorCode.BAD_REQUEST, "The Content-Type header is not a valid media type");
        }
        if ("multipart".equalsIgnoreCase(type.getType())) {
            return ApiError.unsupportedMediaType(MultipartRefusal.MESSAGE);
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            // "*/*" counts as multipart for Spring and ShenYu alike (a wildcard is compatible with everything).
            return ApiError.unsupportedMediaType("Content-Type must name one media type, not a pattern (" + type + ")");
        }
        return null;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * 128 random bits in hex: unique enough for a trace id, and no SecureRandom lock on every request. By hand, not
     * {@code String.format}: that parsed the pattern anew on every request (3 % of the gateway's samples).
     */
    static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] id = new byte[32];
        hex(r.nextLong(), id, 0);
        hex(r.nextLong(), id, 16);
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void hex(long v, byte[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }

    /**
     * {@code /actuator/health/routes}: 200 when every route's interface has a provider in the registry, 503 naming the
     * ones that have none. What `up` waits on before "All ready". Deliberately not part of readiness: one service
     * down must not take every gateway replica out of the load balancer (its other routes still work).
     */
    public EdgeWebFilter routesCheck(java.util.function.Supplier<java.util.List<String>> unreachable) {
        this.unreachable = new RoutesAnswer(unreachable);
        return this;
    }

    /** The last answer for 2 s, computed by one caller at a time: a flood of probes costs the registry nothing more. */
    private static final class RoutesAnswer implements java.util.function.Supplier<java.util.List<String>> {
        private final java.util.function.Supplier<java.util.List<String>> lookup;
        private java.util.List<String> last;
        private long at;

        RoutesAnswer(java.util.function.Supplier<java.util.List<String>> lookup) {
            this.lookup = lookup;
        }

        @Override
        public synchronized java.util.List<String> get() {
            long now = System.nanoTime();
            if (last == null || now - at > 2_000_000_000L) {
                try {
                    last = java.util.List.copyOf(lookup.get());
                } catch (RuntimeException e) {
                    // Logged here, not echoed to whoever asked.
                    org.slf4j.LoggerFactory.getLogger(EdgeWebFilter.class).warn("Routes check: registry lookup failed", e);
                    last = java.util.List.of("(registry unreachable)");
                }
                at = now;
            }
            return last;
        }
    }

    private Mono<Void> health(ServerWebExchange exchange, String path) {
        if (!"GET".equals(exchange.getRequest().getMethodValue())) {
            return responses.error(exchange, new ApiError(ErrorCode.METHOD_NOT_ALLOWED, "Health takes GET"));
        }
        if (path.equals("/actuator/health/routes")) {
            return Mono.fromCallable(() -> unreachable.get()).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                    .onErrorResume(e -> Mono.just(java.util.List.of("(registry unreachable)")))
                    .flatMap(missing -> responses.write(exchange, missing.isEmpty() ? HttpStatus.OK.value()
                                    : HttpStatus.SERVICE_UNAVAILABLE.value(),
                            missing.isEmpty() ? Map.of("status", "UP") : Map.of("status", "DOWN", "withoutProvider", missing)));
        }
        boolean up = !path.endsWith("/readiness") || ready.getAsBoolean();
        return responses.write(exchange, up ? HttpStatus.OK.value() : HttpStatus.SERVICE_UNAVAILABLE.value(),
                Map.of("status", up ? "UP" : "DOWN"));
    }

    private static void log(ServerWebExchange exchange, long start) {
        if (!access.isInfoEnabled()) {
            return;
        }
        Caller caller = GatewayExchange.caller(exchange);
        DubboCallState call = GatewayExchange.call(exchange);
        HttpStatus status = exchange.getResponse().getStatusCode();
        String lane = GatewayExchange.lane(exchange);
        // The line built once here rather than by the logger's {} formatting (an argument array and a scan per request).
        String line = new StringBuilder(160)
                .append(exchange.getRequest().getMethodValue()).append(' ').append(exchange.getRequest().getURI().getRawPath())
                .append(' ').append(status == null ? 200 : status.value())
                .append(' ').append((System.nanoTime() - start) / 1_000_000).append("ms rid=").append(GatewayExchange.requestId(exchange))
                .append(" user=").append(caller == null ? "-" : caller.userId())
                .append(" persona=").append(caller == null ? "-" : caller.persona())
                .append(" lane=").append(lane == null ? "-" : lane)
                .append(" path=").append(call == null || call.lanePath() == null ? "-" : call.lanePath())
                .toString();
        access.info(line);
    }
}
