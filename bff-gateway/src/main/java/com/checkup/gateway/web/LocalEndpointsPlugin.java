package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.flags.ConnectorHosts;
import com.checkup.contracts.flags.FlagCatalogue;
import com.checkup.gateway.audit.AuditTrail;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.auth.LoginThrottle;
import com.checkup.gateway.auth.TokenCodec;
import com.checkup.gateway.auth.UserDirectory;
import com.checkup.gateway.config.LiveDocument;
import com.checkup.gateway.lanes.LaneRules;
import com.checkup.gateway.lanes.LiveLanes;
import com.checkup.gateway.routes.OpenApiDocument;
import com.checkup.gateway.routes.RouteMatch;
import com.checkup.gateway.routes.RouteTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.shenyu.plugin.api.ShenyuPlugin;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Endpoints the gateway answers itself, after auth, lanes and limits have run: login (throttled per user name and
 * per client address, {@link LoginThrottle}), the live lanes, the lane rules, and per-hospital feature flags (written
 * to the config center, where the services read them live), and the OpenAPI description of the live route table.
 * Bodies are JSON only, checked for depth before parsing.
 */
public final class LocalEndpointsPlugin implements ShenyuPlugin {
    private static final Logger log = LoggerFactory.getLogger(LocalEndpointsPlugin.class);
    /** Same group as platform-kit's FeatureFlags. */
    static final String FLAGS_GROUP = "checkup-flags";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern FLAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final JsonResponses responses;
    private final UserDirectory users;
    private final TokenCodec tokens;
    private final LiveLanes lanes;
    private final LiveDocument<LaneRules> laneRules;
    private final Supplier<RouteTable> routes;
    private final DynamicConfiguration config;
    private final int maxBodyBytes;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final ConnectorHosts connectorHosts;
    /** The OpenAPI document of the route table it was built for: rebuilt once per new table, not per request. */
    private volatile OpenApi openApi;

    private static final class OpenApi {
        final RouteTable table;
        final ObjectNode document;

        OpenApi(RouteTable table, ObjectNode document) {
            this.table = table;
            this.document = document;
        }
    }

    private static final java.time.Duration BODY_TIME = java.time.Duration.ofSeconds(10);
    private final com.checkup.gateway.auth.SignInQueue signIns = com.checkup.gateway.auth.SignInQueue.forThisMachine();

    public LocalEndpointsPlugin(JsonResponses responses, UserDirectory users, TokenCodec tokens, LiveLanes lanes,
                                LiveDocument<LaneRules> laneRules, Supplier<RouteTable> routes, DynamicConfiguration config,
                                int maxBodyBytes, LoginThrottle throttle, AuditTrail audit, ConnectorHosts connectorHosts) {
        this.audit = audit;
        this.connectorHosts = connectorHosts;
        this.responses = responses;
        this.users = users;
        this.tokens = tokens;
        this.lanes = lanes;
        this.laneRules = laneRules;
        this.routes = routes;
        this.config = config;
        this.maxBodyBytes = maxBodyBytes;
        this.throttle = throttle;
    }

    @Override
    public Mono<Void> execute(ServerWebExchange exchange, ShenyuPluginChain chain) {
        RouteMatch match = GatewayExchange.route(exchange);
        if (!match.route().isOpen() && GatewayExchange.caller(exchange) == null) {
            return Mono.error(new ApiError(ErrorCode.UNAUTHENTICATED, "Sign in first"));
        }
        switch (match.route().getLocal()) {
            case "login":
                // PBKDF2 is deliberately slow: off the event loop, on threads of its own, a bounded number waiting.
                // The body first (a client trickling it must not hold a place), then a place in the queue.
                return body(exchange).timeout(BODY_TIME, Mono.error(new ApiError(ErrorCode.BAD_REQUEST,
                                "The request body did not arrive within " + BODY_TIME.toSeconds() + " s")))
                        .flatMap(b -> {
                            if (!signIns.admit()) {
                                return Mono.error(ApiError.tooManyRequests("Too many sign-ins at once; try again in a moment", 1));
                            }
                            return Mono.just(b).publishOn(signIns.scheduler()).flatMap(x -> login(exchange, x))
                                    .doFinally(s -> signIns.done());
                        });
            case "lanes":
                return Mono.fromCallable(() -> lanes.snapshot(routes.get().services()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(s -> responses.ok(exchange, Map.of("services", s)));
            case "lane-rules":
                return responses.ok(exchange, laneRules.get());
            case "lane-rules-update":
                return body(exchange).publishOn(Schedulers.boundedElastic()).flatMap(b -> {
                    json(exchange, b); // media type, depth, an object: checked before the rules' own parser sees it
                    String text = new String(b, StandardCharsets.UTF_8);
                    String before = write(laneRules.get());
                    LaneRules parsed;
                    try {
                        parsed = laneRules.publish(text);
                    } catch (IllegalArgumentException e) {
                        return Mono.error(new ApiError(ErrorCode.VALIDATION_FAILED, e.getMessage()));
                    }
                    audit.record(actor(exchange), "lane-rules", before, write(parsed));
                    return responses.ok(exchange, parsed);
                });
            case "flags":
                return body(exchange).publishOn(Schedulers.boundedElastic()).flatMap(b -> flag(exchange, match, b));
            case "flag-catalogue":
                return responses.ok(exchange, catalogue());
            case "flag-values":
                return Mono.fromCallable(() -> flagValues(match.variables().get("hospitalId")))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(values -> responses.ok(exchange, values));
            case "audit":
                return Mono.fromCallable(audit::entries).subscribeOn(Schedulers.boundedElastic())
                        .flatMap(entries -> responses.ok(exchange, entries));
            case "openapi":
                return openApi(exchange);
            default:
                return Mono.error(new ApiError(ErrorCode.NOT_FOUND, "No such endpoint"));
        }
    }

    /**
     * The OpenAPI document of the route table in force now (it changes live). Reflection over the contracts is too
     * slow for the event loop, so a new table's document is built on the elastic pool, then kept for that table.
     */
    private Mono<Void> openApi(ServerWebExchange exchange) {
        RouteTable table = routes.get();
        OpenApi cached = openApi;
        if (cached != null && cached.table == table) {
            return responses.ok(exchange, cached.document);
        }
        return Mono.fromCallable(() -> {
            OpenApiDocument doc = OpenApiDocument.of(table);
            if (!doc.problems().isEmpty()) {
                log.warn("The OpenAPI document of the live routes describes some routes loosely: {}", doc.problems());
            }
            openApi = new OpenApi(table, doc.json());
            return doc.json();
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(d -> responses.ok(exchange, d));
    }

    private Mono<Void> login(ServerWebExchange exchange, byte[] body) {
        JsonNode n = json(exchange, body);
        String username = n.path("username").isTextual() ? n.get("username").asText() : null;
        String password = n.path("password").isTextual() ? n.get("password").asText() : null;
        if (username == null || password == null || username.length() > 128 || password.length() > 256) {
            return Mono.error(new ApiError(ErrorCode.BAD_REQUEST, "Send {\"username\": ..., \"password\": ...} as strings"));
        }
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(username, GatewayExchange.client(exchange));
        } catch (LoginThrottle.Locked locked) {
            return Mono.error(ApiError.tooManyRequests(locked.getMessage(), locked.retryAfterSeconds()));
        }
        Caller caller = users.authenticate(username, password).orElse(null);
        if (caller == null) {
            attempt.failed();
            return Mono.error(new ApiError(ErrorCode.UNAUTHENTICATED, "Wrong username or password"));
        }
        attempt.succeeded();
        TokenCodec.Issued issued = tokens.issue(caller);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", issued.token);
        out.put("persona", caller.persona());
        out.put("tenantId", caller.tenantId());
        out.put("expiresAt", issued.expiresAt.toString());
        return responses.ok(exchange, out);
    }

    /**
     * Writes one hospital's flag ({@code default} for every hospital): only a flag of {@link FlagCatalogue}, with a
     * value its type accepts (a connector only on an allowed host), or null to go back to the default; audited.
     */
    private Mono<Void> flag(ServerWebExchange exchange, RouteMatch match, byte[] body) {
        String hospital = match.variables().get("hospitalId");
        String name = match.variables().get("flag");
        if (!ID.matcher(hospital).matches() || !FLAG.matcher(name).matches()) {
            return Mono.error(new ApiError(ErrorCode.VALIDATION_FAILED, "Bad hospital id or flag name"));
        }
        FlagCatalogue.Flag flag = FlagCatalogue.find(name).orElse(null);
        if (flag == null) {
            return Mono.error(new ApiError(ErrorCode.NOT_FOUND, "No flag " + name + " (flags: "
                    + String.join(", ", FlagCatalogue.all().keySet()) + ")"));
        }
        JsonNode n = json(exchange, body);
        JsonNode value = n.get("value");
        String key = hospital + "." + flag.name();
        if (value == null || value.isNull()) {
            String before = config.getConfig(key, FLAGS_GROUP);
            config.removeConfig(key, FLAGS_GROUP);
            audit.record(actor(exchange), "flag " + key, before, null);
            return responses.ok(exchange, Map.of("hospitalId", hospital, "flag", flag.name(), "value", "(default)"));
        }
        if (!value.isValueNode()) {
            return Mono.error(new ApiError(ErrorCode.VALIDATION_FAILED, "Send {\"value\": \"...\"}, or null to clear"));
        }
        String checked;
        try {
            checked = flag.check(value.asText(), connectorHosts);
        } catch (IllegalArgumentException e) {
            return Mono.error(new ApiError(ErrorCode.VALIDATION_FAILED, e.getMessage()));
        }
        String before = config.getConfig(key, FLAGS_GROUP);
        if (!config.publishConfig(key, FLAGS_GROUP, checked)) {
            return Mono.error(new ApiError(ErrorCode.UNAVAILABLE, "The config center did not accept the flag"));
        }
        audit.record(actor(exchange), "flag " + key, before, checked);
        return responses.ok(exchange, Map.of("hospitalId", hospital, "flag", flag.name(), "value", checked));
    }

    /**
     * Every catalogued flag with the hospital's own value (null: it has none) and the value set for all hospitals
     * ({@code default}), so a console shows what is in force and where it comes from.
     */
    private Map<String, Object> flagValues(String hospital) {
        if (hospital == null || !ID.matcher(hospital).matches()) {
            throw new ApiError(ErrorCode.VALIDATION_FAILED, "Bad hospital id");
        }
        List<Map<String, Object>> flags = new ArrayList<>();
        for (FlagCatalogue.Flag f : FlagCatalogue.all().values()) {
            Map<String, Object> m = describe(f);
            m.put("min", f.min());
            m.put("max", f.max());
            m.put("value", config.getConfig(hospital + "." + f.name(), FLAGS_GROUP));
            m.put("defaultValue", "default".equals(hospital) ? null : config.getConfig("default." + f.name(), FLAGS_GROUP));
            flags.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hospitalId", hospital);
        out.put("flags", flags);
        return out;
    }

    private static List<Map<String, Object>> catalogue() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FlagCatalogue.Flag f : FlagCatalogue.all().values()) {
            out.add(describe(f));
        }
        return out;
    }

    private static Map<String, Object> describe(FlagCatalogue.Flag f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("service", f.service());
        m.put("kind", f.kind().name());
        m.put("description", f.description());
        return m;
    }

    private static String actor(ServerWebExchange exchange) {
        Caller c = GatewayExchange.caller(exchange);
        return c == null ? "-" : c.persona() + ":" + c.userId();
    }

    private String write(Object o) {
        try {
            return responses.json().writeValueAsString(o);
        } catch (IOException e) {
            return String.valueOf(o);
        }
    }

    private Mono<byte[]> body(ServerWebExchange exchange) {
        return RequestBodies.read(exchange, maxBodyBytes);
    }

    /** Every local endpoint with a body takes a JSON object: media type and depth are checked before Jackson parses. */
    private JsonNode json(ServerWebExchange exchange, byte[] body) {
        if (body.length == 0) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "A JSON request body is required");
        }
        RequestBodies.requireJson(exchange.getRequest().getHeaders());
        JsonDepth.check(body);
        try {
            JsonNode n = responses.json().readTree(body);
            if (n == null || !n.isObject()) {
                throw new ApiError(ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
        }
    }

    @Override
    public boolean skip(ServerWebExchange exchange) {
        RouteMatch m = GatewayExchange.route(exchange);
        return m == null || m.route().getLocal() == null;
    }

    @Override
    public int getOrder() {
        return 70;
    }

    @Override
    public String named() {
        return "checkupLocal";
    }
}
