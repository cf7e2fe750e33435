package com.checkup.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.routes.RouteTable;
import com.checkup.gateway.routes.RouteTableTest;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.GatewayExchange;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** The bundled limits, applied by the real plugin through Sentinel. */
class LimitPluginTest {
    private static RouteTable routes;
    private static LimitRules bundled;
    private static LimitPlugin plugin;

    static String bundledLimits() throws Exception {
        try (InputStream in = LimitPluginTest.class.getClassLoader().getResourceAsStream("gateway/limits.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void load() throws Exception {
        System.setProperty("csp.sentinel.log.dir", System.getProperty("java.io.tmpdir") + "/bff-gateway-test-sentinel");
        routes = RouteTable.parse(RouteTableTest.bundled());
        bundled = LimitRules.parse(bundledLimits());
        FlowRuleManager.loadRules(bundled.flowRules());
        plugin = new LimitPlugin(() -> bundled);
    }

    @AfterAll
    static void clear() {
        FlowRuleManager.loadRules(java.util.List.of());
    }

    /** One request through the plugin: null when it passed, else the refusal. */
    private static ApiError call(String method, String path, String user) {
        MockServerWebExchange e = MockServerWebExchange.from(MockServerHttpRequest.method(org.springframework.http.HttpMethod.valueOf(method), path));
        e.getAttributes().put(GatewayExchange.ROUTE, routes.match(method, path));
        e.getAttributes().put(GatewayExchange.CALLER, new Caller(user, "CONSUMER", null));
        try {
            plugin.doExecute(e, ex -> Mono.empty(), null, null).block(Duration.ofSeconds(5));
            return null;
        } catch (ApiError refused) {
            return refused;
        }
    }

    private static void oneUserIsLimitedAndAnotherIsNot(String method, String path, String routeId) {
        assertThat(routes.match(method, path).route().getId()).isEqualTo(routeId);
        ApiError refused = null;
        int calls = 0;
        // 10/s per user: well within 100 quick calls the user is refused.
        while (refused == null && calls < 100) {
            refused = call(method, path, "consumer-" + routeId + "-a");
            calls++;
        }
        assertThat(refused).as("%s refused after %d calls", routeId, calls).isNotNull();
        assertThat(calls).isGreaterThan(10);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // Another user is not held back by the first one's limit.
        assertThat(call(method, path, "consumer-" + routeId + "-b")).isNull();
    }

    /** A signed-out request from {@code client} (as EdgeWebFilter resolved it) through the plugin. */
    private static ApiError callFrom(String method, String path, String client) {
        MockServerWebExchange e = MockServerWebExchange.from(MockServerHttpRequest.method(org.springframework.http.HttpMethod.valueOf(method), path));
        e.getAttributes().put(GatewayExchange.ROUTE, routes.match(method, path));
        e.getAttributes().put(GatewayExchange.CLIENT, com.google.common.net.InetAddresses.forString(client));
        try {
            plugin.doExecute(e, ex -> Mono.empty(), null, null).block(Duration.ofSeconds(5));
            return null;
        } catch (ApiError refused) {
            return refused;
        }
    }

    @Test
    void signedOutCallersAreLimitedPerClientAddress() {
        String first = "203.0.113.1";
        // another client in another bucket (the buckets' key is random per process: pick one that differs)
        String second = java.util.stream.IntStream.range(2, 200).mapToObj(i -> "203.0.113." + i)
                .filter(a -> !LimitPlugin.clientOrigin(ip(a)).equals(LimitPlugin.clientOrigin(ip(first))))
                .findFirst().orElseThrow();
        ApiError refused = null;
        int calls = 0;
        while (refused == null && calls < 100) {
            refused = callFrom("POST", "/api/auth/login", first);
            calls++;
        }
        assertThat(refused).as("login refused after %d calls from one address", calls).isNotNull();
        assertThat(calls).isGreaterThan(10);
        assertThat(callFrom("POST", "/api/auth/login", second)).as("another address").isNull();
    }

    @Test
    void clientOriginsAreBoundedAndIpv6CountsPerSlash64() {
        assertThat(LimitPlugin.clientOrigin(ip("2001:db8:1:2::1"))).isEqualTo(LimitPlugin.clientOrigin(ip("2001:db8:1:2:ffff::9")));
        java.util.Set<String> origins = new java.util.HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            origins.add(LimitPlugin.clientOrigin(ip("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))));
        }
        assertThat(origins).hasSizeLessThanOrEqualTo(LimitPlugin.CLIENT_BUCKETS).hasSizeGreaterThan(LimitPlugin.CLIENT_BUCKETS / 2);
        assertThat(origins).allMatch(o -> o.matches("client#\\d{1,4}"));
    }

    private static java.net.InetAddress ip(String literal) {
        return com.google.common.net.InetAddresses.forString(literal);
    }

    @Test
    void theEntitlementLookUpIsLimitedPerUser() {
        oneUserIsLimitedAndAnotherIsNot("GET", "/api/app/entitlements/ACME-0001", "entitlement");
    }

    @Test
    void theEntitlementBookingIsLimitedPerUser() {
        oneUserIsLimitedAndAnotherIsNot("POST", "/api/app/entitlements/ACME-0001/booking", "entitlement-booking");
    }
}
