package com.checkup.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.gateway.routes.RouteTable;
import com.checkup.gateway.routes.RouteTableTest;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.GatewayExchange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class AuthPluginTest {
    private static final TokenCodec TOKENS = new TokenCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
            Duration.ofHours(1), Clock.systemUTC());
    private static RouteTable routes;
    private final AuthPlugin plugin = new AuthPlugin(TOKENS);

    @BeforeAll
    static void load() throws Exception {
        routes = RouteTable.parse(RouteTableTest.bundled());
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange e = MockServerWebExchange.from(request);
        e.getAttributes().put(GatewayExchange.ROUTE, routes.match(e.getRequest().getMethodValue(), e.getRequest().getURI().getPath()));
        return e;
    }

    /** Runs the plugin; returns the error it answered with, or null when it passed the request on. */
    private ApiError run(MockServerWebExchange e, AtomicBoolean passed) {
        ShenyuPluginChain chain = ex -> {
            passed.set(true);
            return Mono.empty();
        };
        try {
            plugin.doExecute(e, chain, null, null).block();
            return null;
        } catch (ApiError err) {
            return err;
        }
    }

    @Test
    void aValidTokenOfAnAllowedPersonaPassesWithItsCaller() {
        String token = TOKENS.issue(new Caller("tester1", "TESTER", null)).token;
        MockServerWebExchange e = exchange(MockServerHttpRequest.get("/api/ops/lanes").header("Authorization", "Bearer " + token));
        AtomicBoolean passed = new AtomicBoolean();
        assertThat(run(e, passed)).isNull();
        assertThat(passed).isTrue();
        assertThat(GatewayExchange.caller(e).userId()).isEqualTo("tester1");
    }

    @Test
    void noTokenBadTokenAndWrongPersonaAreRefused() {
        AtomicBoolean passed = new AtomicBoolean();
        assertThat(run(exchange(MockServerHttpRequest.get("/api/app/hospitals")), passed).status()).isEqualTo(401);
        assertThat(run(exchange(MockServerHttpRequest.get("/api/app/hospitals").header("Authorization", "Bearer x.y.z")), passed).status()).isEqualTo(401);
        assertThat(run(exchange(MockServerHttpRequest.get("/api/app/hospitals").header("Authorization", "Basic abc")), passed).status()).isEqualTo(401);
        String desk = TOKENS.issue(new Caller("desk.h001", "DESK", "H001")).token;
        ApiError forbidden = run(exchange(MockServerHttpRequest.get("/api/app/hospitals").header("Authorization", "Bearer " + desk)), passed);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(passed).isFalse();
    }

    @Test
    void openRoutesNeedNoToken() {
        AtomicBoolean passed = new AtomicBoolean();
        assertThat(run(exchange(MockServerHttpRequest.post("/api/auth/login")), passed)).isNull();
        assertThat(passed).isTrue();
    }
}
