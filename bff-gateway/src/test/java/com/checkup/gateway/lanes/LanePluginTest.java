package com.checkup.gateway.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.GatewayExchange;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class LanePluginTest {
    private static final LaneRules RULES = LaneRules.parse("{\"users\":{\"consumer2\":\"blue\"},\"appVersions\":{\"9.9.9\":\"review\"}}");
    private final LanePlugin plugin = new LanePlugin(() -> RULES);
    private static final ShenyuPluginChain PASS = e -> Mono.empty();

    private String laneOf(Caller caller, MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange e = MockServerWebExchange.from(request);
        e.getAttributes().put(GatewayExchange.CALLER, caller);
        plugin.doExecute(e, PASS, null, null).block();
        return GatewayExchange.lane(e);
    }

    @Test
    void onlyATestersXLaneCounts() {
        Caller tester = new Caller("tester1", "TESTER", null);
        Caller consumer = new Caller("consumer1", "CONSUMER", null);
        assertThat(laneOf(tester, MockServerHttpRequest.get("/api/app/hospitals").header("X-Lane", "gray"))).isEqualTo("gray");
        assertThat(laneOf(tester, MockServerHttpRequest.get("/api/app/hospitals").header("X-Lane", "baseline"))).isNull();
        assertThat(laneOf(consumer, MockServerHttpRequest.get("/api/app/hospitals").header("X-Lane", "gray"))).isNull();
    }

    @Test
    void rulesApplyWhenNoTesterAsked() {
        assertThat(laneOf(new Caller("consumer2", "CONSUMER", null), MockServerHttpRequest.get("/x").header("X-Lane", "gray"))).isEqualTo("blue");
        assertThat(laneOf(new Caller("consumer1", "CONSUMER", null), MockServerHttpRequest.get("/x").header("X-App-Version", "9.9.9"))).isEqualTo("review");
        assertThat(laneOf(new Caller("consumer1", "CONSUMER", null), MockServerHttpRequest.get("/x"))).isNull();
    }

    @Test
    void aMalformedLaneFromATesterIsA400() {
        MockServerWebExchange e = MockServerWebExchange.from(MockServerHttpRequest.get("/x").header("X-Lane", "Gray Lane!"));
        e.getAttributes().put(GatewayExchange.CALLER, new Caller("tester1", "TESTER", null));
        try {
            plugin.doExecute(e, PASS, null, null).block();
            throw new AssertionError("expected a 400");
        } catch (ApiError err) {
            assertThat(err.status()).isEqualTo(400);
        }
    }
}
