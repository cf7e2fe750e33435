package com.checkup.gateway.web;

import com.checkup.gateway.dubbo.RegistryEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.contracts.flags.ConnectorHosts;
import com.checkup.gateway.audit.AuditTrail;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.auth.LoginThrottle;
import com.checkup.gateway.auth.TokenCodec;
import com.checkup.gateway.auth.UserDirectory;
import com.checkup.gateway.config.GatewayProperties;
import com.checkup.gateway.config.LiveDocument;
import com.checkup.gateway.lanes.LaneRules;
import com.checkup.gateway.lanes.LiveLanes;
import com.checkup.gateway.routes.RouteTable;
import com.checkup.gateway.routes.RouteTableTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class LocalEndpointsPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RouteTable routes;
    private static UserDirectory users;
    private final JsonResponses responses = new JsonResponses(JSON);
    private final LocalEndpointsPlugin plugin = new LocalEndpointsPlugin(responses, users,
            new TokenCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), Duration.ofHours(1), Clock.systemUTC()),
            new LiveLanes(RegistryEndpoint.of("zookeeper://127.0.0.1:1", null, null)),
            new LiveDocument<>(null, "checkup-gateway", "lane-rules", "gateway/lane-rules.json", LaneRules::parse),
            () -> routes, null, 64 * 1024,
            new LoginThrottle(5, 20, Duration.ofMinutes(1), 1_000, Clock.systemUTC()),
            new AuditTrail(null, "checkup-gateway", JSON, Clock.systemUTC()), ConnectorHosts.parse("his.h001.example:443"));

    @BeforeAll
    static void load() throws Exception {
        routes = RouteTable.parse(RouteTableTest.bundled());
        GatewayProperties.User c1 = user("consumer1");
        GatewayProperties.User c2 = user("consumer2");
        GatewayProperties.User c3 = user("consumer3");
        users = new UserDirectory(List.of(c1, c2, c3));
    }

    /** A demo user with a cheap hash (1,000 iterations; the stored count is what is used), password = name + "-pass". */
    private static GatewayProperties.User user(String name) throws Exception {
        byte[] salt = ("salt-of-" + name).getBytes(StandardCharsets.UTF_8);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec((name + "-pass").toCharArray(), salt, 1000, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        GatewayProperties.User u = new GatewayProperties.User();
        u.setUsername(name);
        u.setPersona("CONSUMER");
        u.setPasswordHash("pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
        return u;
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest request, Caller caller) {
        MockServerWebExchange e = MockServerWebExchange.from(request);
        e.getAttributes().put(GatewayExchange.REQUEST_ID, "rid-local");
        e.getAttributes().put(GatewayExchange.ROUTE, routes.match(request.getMethodValue(), request.getURI().getPath()));
        if (caller != null) {
            e.getAttributes().put(GatewayExchange.CALLER, caller);
        }
        return e;
    }

    /** Runs the plugin as the chain does (behind the error envelope); a hung request fails the test instead of hanging it. */
    private MockServerHttpResponse run(MockServerWebExchange e) {
        ShenyuPluginChain end = ex -> Mono.empty();
        new ErrorEnvelopePlugin(new ErrorClassifier(), responses).execute(e, ex -> plugin.execute(ex, end)).block(Duration.ofSeconds(30));
        return e.getResponse();
    }

    private static JsonNode body(MockServerHttpResponse r) throws Exception {
        return JSON.readTree(r.getBodyAsString().block(Duration.ofSeconds(5)));
    }

    private static MockServerHttpRequest login(String body, String from) {
        return MockServerHttpRequest.post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .remoteAddress(new InetSocketAddress(from, 40000)).body(body);
    }

    private static String credentials(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void aLoginBodyNestedThirtyThousandDeepIsA400NotAStackOverflow() throws Exception {
        String deep = "{\"username\":" + "[".repeat(30_000) + "]".repeat(30_000) + ",\"password\":\"x\"}";
        MockServerHttpResponse r = run(exchange(login(deep, "203.0.113.1"), null));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        JsonNode b = body(r);
        assertThat(b.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(b.get("message").asText()).contains("nests deeper than 64");
        assertThat(b.get("traceId").asText()).isEqualTo("rid-local");
    }

    @Test
    void laneRulesAndFlagBodiesAreDepthCheckedToo() throws Exception {
        Caller ops = new Caller("ops1", "OPS", null);
        String deepRules = "{\"users\":{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}}";
        MockServerHttpResponse rules = run(exchange(MockServerHttpRequest.put("/api/ops/lane-rules").contentType(MediaType.APPLICATION_JSON)
                .body(deepRules), ops));
        assertThat(rules.getStatusCode().value()).isEqualTo(400);
        assertThat(body(rules).get("message").asText()).contains("nests deeper than 64");

        String deepFlag = "{\"value\":" + "{\"v\":".repeat(65) + "1" + "}".repeat(65) + "}";
        MockServerHttpResponse flag = run(exchange(MockServerHttpRequest.put("/api/ops/flags/H001/hold-expiry")
                .contentType(MediaType.APPLICATION_JSON).body(deepFlag), ops));
        assertThat(flag.getStatusCode().value()).isEqualTo(400);
        assertThat(body(flag).get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(body(flag).get("message").asText()).contains("nests deeper than 64");
    }

    @Test
    void aFlagIsCheckedByItsOwnTypeBeforeAnythingIsWritten() throws Exception {
        Caller ops = new Caller("ops1", "OPS", null);
        // (No config center here: each of these must be refused before one is touched.)
        String[][] refused = {
            {"hold-expiry", "\"banana\"", "hold-expiry is a duration"},
            {"hold-expiry", "\"PT48H\"", "between"},
            {"max-unpaid-holds", "\"0\"", "between 1 and 20"},
            {"sim-provider-down", "\"maybe\"", "true or false"},
            {"quiet-hours", "\"22-7\"", "HH:mm-HH:mm"},
            {"connector", "\"HTTP_JSON http://169.254.169.254/latest/meta-data\"", "169.254.169.254:80 is not an allowed"},
            {"connector", "\"HTTP_JSON http://his.h001.example/api\"", "his.h001.example:80 is not an allowed"},
            {"connector", "\"HTTP_JSON https://user:pw@his.h001.example/api\"", "http(s)://host[:port]/path"},
            {"connector", "\"FTP x\"", "MANUAL or HTTP_JSON"},
            {"hold-expiry", "{\"a\":1}", "Send {"},
        };
        for (String[] c : refused) {
            MockServerHttpResponse r = run(exchange(MockServerHttpRequest.put("/api/ops/flags/H001/" + c[0])
                    .contentType(MediaType.APPLICATION_JSON).body("{\"value\":" + c[1] + "}"), ops));
            assertThat(r.getStatusCode().value()).as(c[0] + "=" + c[1]).isEqualTo(400);
            assertThat(body(r).get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(body(r).get("message").asText()).as(c[0] + "=" + c[1]).contains(c[2]);
        }
        MockServerHttpResponse unknown = run(exchange(MockServerHttpRequest.put("/api/ops/flags/H001/self-check-in")
                .contentType(MediaType.APPLICATION_JSON).body("{\"value\":\"1\"}"), ops));
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(body(unknown).get("message").asText()).contains("hold-expiry");
    }

    @Test
    void aFormOrTextLoginIsA415InTheEnvelope() throws Exception {
        MockServerHttpResponse r = run(exchange(MockServerHttpRequest.post("/api/auth/login")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).remoteAddress(new InetSocketAddress("203.0.113.2", 1))
                .body("username=consumer1&password=consumer1-pass"), null));
        assertThat(r.getStatusCode().value()).isEqualTo(415);
        assertThat(body(r).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(r.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void fiveWrongPasswordsLockThatUserOnlyWith429AndRetryAfter() throws Exception {
        for (int i = 0; i < 5; i++) {
            MockServerHttpResponse wrong = run(exchange(login(credentials("consumer1", "guess" + i), "203.0.113.10"), null));
            assertThat(wrong.getStatusCode().value()).as("attempt %d", i + 1).isEqualTo(401);
        }
        // Locked now, even with the right password and from another address.
        MockServerHttpResponse locked = run(exchange(login(credentials("consumer1", "consumer1-pass"), "198.51.100.20"), null));
        assertThat(locked.getStatusCode().value()).isEqualTo(429);
        JsonNode b = body(locked);
        assertThat(b.get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        long retryAfter = Long.parseLong(locked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(b.get("message").asText()).contains("try again in " + retryAfter + " s");

        // Another user, from the very address the guesses came from, is not affected.
        MockServerHttpResponse other = run(exchange(login(credentials("consumer2", "consumer2-pass"), "203.0.113.10"), null));
        assertThat(other.getStatusCode().value()).isEqualTo(200);
        assertThat(body(other).get("token").asText()).contains(".");
        assertThat(run(exchange(login(credentials("consumer2", "nope"), "203.0.113.10"), null)).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void successfulLoginsDoNotCountTowardsTheLock() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(run(exchange(login(credentials("consumer3", "consumer3-pass"), "203.0.113.30"), null)).getStatusCode().value()).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(run(exchange(login(credentials("consumer3", "nope"), "203.0.113.30"), null)).getStatusCode().value()).isEqualTo(401);
        }
        assertThat(run(exchange(login(credentials("consumer3", "consumer3-pass"), "203.0.113.30"), null)).getStatusCode().value()).isEqualTo(200);
    }
}
