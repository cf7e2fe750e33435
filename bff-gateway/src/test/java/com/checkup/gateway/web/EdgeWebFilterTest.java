package com.checkup.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.publisher.Mono;

class EdgeWebFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EdgeWebFilter filter = new EdgeWebFilter(new JsonResponses(JSON), () -> true, new GatewayMetrics());

    /** An exchange as the gateway's HTTP handler makes it, with the gateway's codecs (multipart reader installed). */
    private static ServerWebExchange exchange(MockServerHttpRequest request, ServerCodecConfigurer codecs) {
        return new DefaultServerWebExchange(request, new MockServerHttpResponse(), new DefaultWebSessionManager(), codecs,
                new AcceptHeaderLocaleContextResolver());
    }

    private static ServerCodecConfigurer gatewayCodecs() {
        ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
        MultipartRefusal.install(codecs);
        return codecs;
    }

    /** Runs the filter; returns whether the request went on down the chain. */
    private boolean run(ServerWebExchange e) {
        AtomicBoolean passed = new AtomicBoolean();
        WebFilterChain chain = ex -> {
            passed.set(true);
            return Mono.empty();
        };
        filter.filter(e, chain).block(Duration.ofSeconds(10));
        return passed.get();
    }

    private static JsonNode body(ServerWebExchange e) throws Exception {
        return JSON.readTree(((MockServerHttpResponse) e.getResponse()).getBodyAsString().block(Duration.ofSeconds(5)));
    }

    @Test
    void aMultipartRequestEvenAGetIsAnswered415BeforeAnythingReadsIt() throws Exception {
        MockServerHttpRequest multipartGet = MockServerHttpRequest.get("/api/app/hospitals")
                .header("Content-Type", "multipart/form-data; boundary=xyz").build();
        // Without the gateway's reader, Spring cannot even create the exchange (the connection closed unanswered).
        assertThatThrownBy(() -> exchange(multipartGet, ServerCodecConfigurer.create()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No multipart HttpMessageReader");

        ServerWebExchange e = exchange(multipartGet, gatewayCodecs());
        assertThat(run(e)).isFalse();
        assertThat(e.getResponse().getStatusCode().value()).isEqualTo(415);
        JsonNode b = body(e);
        assertThat(b.get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(b.get("message").asText()).contains("multipart");
        assertThat(b.get("traceId").asText()).isEqualTo(e.getResponse().getHeaders().getFirst("X-Request-Id"));
        assertThat(e.getResponse().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");

        ServerWebExchange post = exchange(MockServerHttpRequest.post("/api/app/bookings")
                .header("Content-Type", "multipart/mixed; boundary=b").body("--b\r\n\r\nx\r\n--b--"), gatewayCodecs());
        assertThat(run(post)).isFalse();
        assertThat(post.getResponse().getStatusCode().value()).isEqualTo(415);
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIs400AndAWildcardIs415() throws Exception {
        // (No body here: the mock request itself cannot encode a text body under a type that is no media type.)
        ServerWebExchange bad = exchange(MockServerHttpRequest.post("/api/auth/login").header("Content-Type", "json please")
                .build(), gatewayCodecs());
        assertThat(run(bad)).isFalse();
        assertThat(bad.getResponse().getStatusCode().value()).isEqualTo(400);
        assertThat(body(bad).get("code").asText()).isEqualTo("BAD_REQUEST");

        ServerWebExchange wildcard = exchange(MockServerHttpRequest.post("/api/auth/login").header("Content-Type", "*/*")
                .body("{}"), gatewayCodecs());
        assertThat(run(wildcard)).isFalse();
        assertThat(wildcard.getResponse().getStatusCode().value()).isEqualTo(415);
    }

    @Test
    void readableBodiesGoOnAndEveryAnswerSaysNosniff() {
        ServerWebExchange json = exchange(MockServerHttpRequest.post("/api/auth/login").header("Content-Type", "application/json")
                .body("{}"), gatewayCodecs());
        assertThat(run(json)).isTrue();
        assertThat(json.getResponse().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        ServerWebExchange pdf = exchange(MockServerHttpRequest.post("/api/desk/bookings/B1/report").header("Content-Type", "application/pdf")
                .body("%PDF-1.4"), gatewayCodecs());
        assertThat(run(pdf)).isTrue();
        ServerWebExchange none = exchange(MockServerHttpRequest.get("/api/app/hospitals").build(), gatewayCodecs());
        assertThat(run(none)).isTrue();
        ServerWebExchange health = exchange(MockServerHttpRequest.get("/actuator/health/liveness").build(), gatewayCodecs());
        assertThat(run(health)).isFalse();
        assertThat(health.getResponse().getStatusCode().value()).isEqualTo(200);
        assertThat(health.getResponse().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void madeRequestIdsAre32LowercaseHexDigitsAndDiffer() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = EdgeWebFilter.newId();
            assertThat(id).matches("[0-9a-f]{32}");
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theRoutesCheckNamesEveryInterfaceWithoutAProviderAndIsNotReadiness() throws Exception {
        java.util.List<String> missing = new java.util.ArrayList<>(java.util.List.of("com.checkup.contracts.order.OrderService"));
        filter.routesCheck(() -> missing);
        ServerWebExchange down = exchange(MockServerHttpRequest.get("/actuator/health/routes").build(), gatewayCodecs());
        assertThat(run(down)).isFalse();
        assertThat(down.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(body(down).get("withoutProvider").get(0).asText()).isEqualTo("com.checkup.contracts.order.OrderService");
        ServerWebExchange ready = exchange(MockServerHttpRequest.get("/actuator/health/readiness").build(), gatewayCodecs());
        run(ready);
        assertThat(ready.getResponse().getStatusCode().value()).as("readiness does not depend on providers").isEqualTo(200);

        missing.clear();
        filter.routesCheck(() -> missing); // a new check: the last answer is kept for 2 s
        ServerWebExchange up = exchange(MockServerHttpRequest.get("/actuator/health/routes").build(), gatewayCodecs());
        run(up);
        assertThat(up.getResponse().getStatusCode().value()).isEqualTo(200);

        filter.routesCheck(() -> {
            throw new IllegalStateException("no ZooKeeper");
        });
        ServerWebExchange broken = exchange(MockServerHttpRequest.get("/actuator/health/routes").build(), gatewayCodecs());
        run(broken);
        assertThat(broken.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(body(broken).get("withoutProvider").get(0).asText()).isEqualTo("(registry unreachable)");
    }
}
