package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.platform.configcenter.ConfigCenter;
import com.checkup.platform.embedded.DubboApps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public HTTP API through the ShenYu gateway, on the platform local-platform starts: login per persona, auth
 * failures, persona scope, lanes (a gray booking-service runs beside the baseline), live route and limit changes,
 * and the error envelope for every kind of malformed request.
 */
@ExtendWith(E2ePlatform.class)
class GatewayIT {
    private static final String GROUP = "checkup-gateway";
    private static DynamicConfiguration configCenter;

    @BeforeAll
    static void connect() {
        configCenter = ConfigCenter.connect(ApplicationModel.defaultModel(), E2ePlatform.config().registryUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("consumer1", "/api/app/hospitals").status() == 200);
    }

    static Map<String, Object> holdBody(LocalDate day, String pkg) {
        return Map.of("hospitalId", "H001", "packageId", pkg, "date", day.toString(), "period", "MORNING",
                "examinee", Map.of("name", "韩梅梅", "gender", "FEMALE", "birthDate", "1949-12-31",
                        "idNumber", "11010519491231002X", "phone", "13700001111"));
    }

    static Http.Response hold(String user, String key, Object body, Map<String, String> extraHeaders) {
        Map<String, String> h = new java.util.HashMap<>(extraHeaders);
        h.put("Idempotency-Key", key);
        return Http.send("POST", "/api/app/bookings", user, h, body);
    }

    static LocalDate inDays(int days) {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(days);
    }

    @Test
    void everyDemoPersonaLogsInAndGetsItsTenant() {
        Map<String, String[]> users = Map.of(
                "consumer1", new String[] {"CONSUMER", null}, "consumer2", new String[] {"CONSUMER", null},
                "desk.h001", new String[] {"DESK", "H001"}, "desk.h002", new String[] {"DESK", "H002"},
                "hr.acme", new String[] {"HR", "ACME"}, "ops1", new String[] {"OPS", null}, "tester1", new String[] {"TESTER", null});
        users.forEach((user, expected) -> {
            Http.Response r = Http.send("POST", "/api/auth/login", null, Map.of(),
                    Map.of("username", user, "password", user + "-pass"));
            assertThat(r.status()).as(user).isEqualTo(200);
            assertThat(r.json().get("persona").asText()).isEqualTo(expected[0]);
            assertThat(r.json().get("tenantId").isNull() ? null : r.json().get("tenantId").asText()).isEqualTo(expected[1]);
            assertThat(r.json().get("token").asText()).contains(".");
            assertThat(Instant.parse(r.json().get("expiresAt").asText())).isAfter(Instant.now());
        });
        Http.Response wrong = Http.send("POST", "/api/auth/login", null, Map.of(), Map.of("username", "consumer1", "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("UNAUTHENTICATED");
        Http.Response unknown = Http.send("POST", "/api/auth/login", null, Map.of(), Map.of("username", "nobody", "password", "x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("message").asText()).isEqualTo(wrong.json().get("message").asText());
    }

    @Test
    void withoutTamperedOrExpiredTokensTheAnswerIs401() throws Exception {
        Http.Response none = Http.raw("GET", "/api/app/hospitals", Map.of(), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(none.json().get("traceId").asText()).isEqualTo(none.header("X-Request-Id"));

        String good = Http.token("consumer1");
        String[] parts = good.split("\\.");
        // Same signature, payload claiming another persona.
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("CONSUMER", "OPS");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Http.Response t = Http.raw("GET", "/api/ops/lanes", Map.of("Authorization", "Bearer " + tampered), null);
        assertThat(t.status()).isEqualTo(401);
        assertThat(t.json().get("message").asText()).contains("signature");

        String unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + parts[1] + ".";
        assertThat(Http.raw("GET", "/api/app/hospitals", Map.of("Authorization", "Bearer " + unsigned), null).status()).isEqualTo(401);

        Http.Response expired = Http.raw("GET", "/api/app/hospitals", Map.of("Authorization", "Bearer " + expiredToken()), null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("message").asText()).contains("expired");
    }

    /** A token signed with the platform's real key, which expired a minute ago. */
    private static String expiredToken() throws Exception {
        Properties secrets = new Properties();
        try (Reader r = Files.newBufferedReader(E2ePlatform.config().home().resolve("data").resolve("secrets.properties"))) {
            secrets.load(r);
        }
        byte[] key = Base64.getDecoder().decode(secrets.getProperty("jwt.secret"));
        long now = Instant.now().getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"checkup\",\"sub\":\"consumer1\",\"persona\":\"CONSUMER\",\"iat\":"
                + (now - 3600) + ",\"exp\":" + (now - 60) + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aPersonaOnAnotherPersonasRouteGets403() {
        Http.Response desk = Http.get("desk.h001", "/api/app/bookings");
        assertThat(desk.status()).isEqualTo(403);
        assertThat(desk.code()).isEqualTo("FORBIDDEN");
        assertThat(Http.get("consumer1", "/api/ops/lanes").status()).isEqualTo(403);
        assertThat(Http.get("hr.acme", "/api/app/hospitals").status()).isEqualTo(403);
        assertThat(Http.get("ops1", "/api/ops/lanes").status()).isEqualTo(200);
    }

    @Test
    void theBookingFlowThroughHttp() {
        LocalDate day = inDays(9);
        JsonNode before = slot(day, "H001-BASIC");
        String key = "http-" + UUID.randomUUID();
        Http.Response held = hold("consumer2", key, holdBody(day, "H001-BASIC"), Map.of());
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        JsonNode b = held.json();
        assertThat(b.get("status").asText()).isEqualTo("HELD");
        assertThat(b.get("amountCents").asLong()).isEqualTo(49900);
        assertThat(b.get("idNumberMasked").asText()).doesNotContain("19491231");
        assertThat(b.has("class")).isFalse();
        String bookingId = b.get("bookingId").asText();
        assertThat(slot(day, "H001-BASIC").get("remaining").asInt()).isEqualTo(before.get("remaining").asInt() - 1);

        // The same key gives the same booking; another body with it is a conflict.
        assertThat(hold("consumer2", key, holdBody(day, "H001-BASIC"), Map.of()).json().get("bookingId").asText()).isEqualTo(bookingId);
        Http.Response conflict = hold("consumer2", key, holdBody(day.plusDays(1), "H001-BASIC"), Map.of());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("IDEMPOTENCY_CONFLICT");

        // Another consumer does not see it.
        assertThat(Http.get("consumer1", "/api/app/bookings/" + bookingId).status()).isEqualTo(404);
        assertThat(Http.get("consumer2", "/api/app/bookings").json().findValuesAsText("bookingId")).contains(bookingId);

        // WeChat Pay (the simulator, through the official SDK): the payer is sent to its H5 page and pays; its signed,
        // encrypted notifications come back through the gateway's open notify route.
        Http.Response pay = Http.post("consumer2", "/api/app/orders/" + b.get("orderId").asText() + "/pay", Map.of("channel", "WECHAT_PAY"));
        assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
        String paymentId = pay.json().get("paymentId").asText();
        assertThat(pay.json().get("payUrl").asText()).startsWith(E2ePlatform.config().weChatPayUrl() + "/pay/h5?prepay_id=");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get("consumer2", "/api/app/bookings/" + bookingId).json().get("status").asText().equals("CONFIRMED"));
        assertThat(Http.getJson(E2ePlatform.config().weChatPayUrl() + "/control/wechatpay").at("/orders/" + paymentId.substring(1)).asText())
                .isEqualTo("SUCCESS");

        Http.Response cancelled = Http.post("consumer2", "/api/app/bookings/" + bookingId + "/cancel", Map.of("reason", "plans changed"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(slot(day, "H001-BASIC").get("remaining").asInt()).isEqualTo(before.get("remaining").asInt());
        // The refund goes back through WeChat Pay, and its REFUND.SUCCESS notification through the gateway.
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.getJson(E2ePlatform.config().weChatPayUrl() + "/control/wechatpay")
                .at("/orders/" + paymentId.substring(1)).asText().equals("REFUND"));

        // A repeated cancel is a no-op that answers the same state.
        Http.Response again = Http.post("consumer2", "/api/app/bookings/" + bookingId + "/cancel", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("CANCELLED");
        // Rescheduling a cancelled booking is refused with the envelope.
        Http.Response moved = Http.post("consumer2", "/api/app/bookings/" + bookingId + "/reschedule",
                Map.of("date", day.plusDays(1).toString(), "period", "MORNING"));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.code()).isEqualTo("CONFLICT");
    }

    private static JsonNode slot(LocalDate day, String pkg) {
        Http.Response r = Http.get("consumer1", "/api/app/availability?hospitalId=H001&packageId=" + pkg + "&from=" + day + "&to=" + day);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode n : r.json()) {
            if (n.get("period").asText().equals("MORNING")) {
                return n;
            }
        }
        throw new AssertionError("no morning slot in " + r);
    }

    @Test
    void aTestersGrayLaneReachesTheGrayInstanceAndFallsBackWhereThereIsNone() {
        Http.Response lanes = Http.get("tester1", "/api/ops/lanes");
        assertThat(lanes.status()).isEqualTo(200);
        assertThat(lanes.json().at("/services/booking-service/gray")).hasSize(1);
        assertThat(lanes.json().at("/services/booking-service/baseline")).hasSize(1);

        String rid = "gray-" + UUID.randomUUID();
        Http.Response gray = hold("tester1", "lane-" + UUID.randomUUID(), holdBody(inDays(10), "H001-BASIC"),
                Map.of("X-Lane", E2ePlatform.GRAY, "X-Request-Id", rid));
        assertThat(gray.status()).as(gray.toString()).isEqualTo(200);
        // booking-service has a gray instance; order-service has none, so that hop fell back to the baseline.
        assertThat(gray.header("X-Lane-Path")).isEqualTo("booking-service:gray,order-service:baseline");
        // The request id is the trace id the services log under: the gray instance handled it.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Files.readString(E2ePlatform.logDir().resolve("booking-service@gray.log")).contains(rid));

        Http.Response base = Http.get("tester1", "/api/app/hospitals");
        assertThat(base.header("X-Lane-Path")).isEqualTo("booking-service:baseline");
    }

    @Test
    void xLaneFromAConsumerIsIgnored() throws IOException {
        String rid = "consumer-lane-" + UUID.randomUUID();
        Http.Response r = Http.send("GET", "/api/app/hospitals", "consumer1", Map.of("X-Lane", E2ePlatform.GRAY, "X-Request-Id", rid), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Lane-Path")).as("only testers see lane paths").isNull();
        assertThat(r.header("X-Request-Id")).isEqualTo(rid);
        Path log = E2ePlatform.logDir().resolve("bff-gateway.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("rid=" + rid));
        String line = Files.readAllLines(log).stream().filter(l -> l.contains("rid=" + rid)).findFirst().orElseThrow();
        // The gateway chose no lane, so no dubbo.tag went out: Dubbo's tag router cannot send it to a gray instance.
        assertThat(line).contains("persona=CONSUMER").contains("lane=-");
    }

    @Test
    void aRouteChangeAppliesLiveAndARemovedKeyBringsTheBundledRoutesBack() throws Exception {
        ObjectNode doc = (ObjectNode) Http.JSON.readTree(bundled("routes.json"));
        ObjectNode alias = Http.JSON.createObjectNode().put("id", "clinics").put("method", "GET").put("path", "/api/app/clinics")
                .put("service", "com.checkup.contracts.booking.BookingService").put("call", "hospitals");
        alias.putArray("personas").add("CONSUMER");
        ObjectNode ghost = Http.JSON.createObjectNode().put("id", "ghost").put("method", "GET").put("path", "/api/app/ghost")
                .put("service", "com.checkup.contracts.ghost.GhostService").put("call", "nothing");
        ghost.putArray("personas").add("CONSUMER");
        // A 200 ms budget for a provider that answers after 3 s.
        ObjectNode slow = Http.JSON.createObjectNode().put("id", "slow").put("method", "GET").put("path", "/api/app/slow")
                .put("service", SlowProbe.class.getName()).put("call", "answerLate").put("timeoutMs", 200);
        slow.putArray("personas").add("CONSUMER");
        ((ArrayNode) doc.get("routes")).add(alias).add(ghost).add(slow);
        assertThat(Http.get("consumer1", "/api/app/clinics").status()).isEqualTo(404);
        try (DubboApps probes = new DubboApps(E2ePlatform.config().registryUrl())) {
            probes.app("slow-probe", null).provide(SlowProbe.class, new SlowProbe.Impl()).start();
            assertThat(configCenter.publishConfig("routes", GROUP, doc.toString())).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> Http.get("consumer1", "/api/app/clinics").status() == 200);
            assertThat(Http.get("consumer1", "/api/app/clinics").json()).hasSize(3);
            // A route to a service nobody provides: the provider-down envelope.
            Http.Response down = Http.get("consumer1", "/api/app/ghost");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.code()).isEqualTo("UNAVAILABLE");
            // A call over its time budget: 504 in the envelope, long before the provider answers.
            await().atMost(Duration.ofSeconds(20)).until(() -> Http.get("consumer1", "/api/app/slow").status() != 503);
            long started = System.nanoTime();
            Http.Response timedOut = Http.get("consumer1", "/api/app/slow");
            assertThat(timedOut.status()).as(timedOut.toString()).isEqualTo(504);
            assertThat(timedOut.code()).isEqualTo("TIMEOUT");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(SlowProbe.DELAY_MS));

            // A broken document is refused whole; the last good one stays.
            Path log = E2ePlatform.logDir().resolve("bff-gateway.log");
            long refusedBefore = count(log, "routes: refused a new version");
            configCenter.publishConfig("routes", GROUP, "{\"routes\": [ {\"id\": \"x\"} ]}");
            await().atMost(Duration.ofSeconds(20)).until(() -> count(log, "routes: refused a new version") > refusedBefore);
            assertThat(Http.get("consumer1", "/api/app/clinics").status()).isEqualTo(200);
        } finally {
            configCenter.removeConfig("routes", GROUP);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get("consumer1", "/api/app/clinics").status() == 404);
        assertThat(Http.get("consumer1", "/api/app/hospitals").status()).isEqualTo(200);
    }

    @Test
    void aLimitChangeAppliesLiveAndAnsweres429InTheEnvelope() {
        try {
            configCenter.publishConfig("limits", GROUP, "{\"limits\":[{\"route\":\"packages\",\"tenant\":\"*\",\"qps\":1}]}");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (int i = 0; i < 5; i++) {
                    Http.Response r = Http.get("consumer1", "/api/app/hospitals/H001/packages");
                    if (r.status() == 429) {
                        return r.code().equals("TOO_MANY_REQUESTS");
                    }
                }
                return false;
            });
            // Per tenant (here: per consumer): another consumer still gets through.
            assertThat(Http.get("consumer2", "/api/app/hospitals/H001/packages").status()).isEqualTo(200);
        } finally {
            configCenter.removeConfig("limits", GROUP);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int i = 0; i < 5; i++) {
                if (Http.get("consumer1", "/api/app/hospitals/H001/packages").status() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void healthAndMetricsAreServedWithoutAToken() {
        assertThat(Http.raw("GET", "/actuator/health/readiness", Map.of(), null).json().get("status").asText()).isEqualTo("UP");
        assertThat(Http.get("consumer1", "/api/app/hospitals").status()).isEqualTo(200);
        Http.Response metrics = Http.raw("GET", "/actuator/prometheus", Map.of(), null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("checkup_gateway_requests_seconds_count{").contains("route=\"hospitals\"")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void opsSetAndClearAHospitalsFlagLive() {
        Http.Response set = Http.send("PUT", "/api/ops/flags/H003/booking-window-days", "ops1", Map.of(), Map.of("value", "14"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(configCenter.getConfig("H003.booking-window-days", "checkup-flags")).isEqualTo("14");
        assertThat(Http.send("PUT", "/api/ops/flags/H003/booking-window-days", "consumer1", Map.of(), Map.of("value", "1")).status()).isEqualTo(403);
        assertEnvelope(Http.send("PUT", "/api/ops/flags/H003/Bad%20Flag", "ops1", Map.of(), Map.of("value", "1")), 400, "VALIDATION_FAILED");
        Http.Response cleared = Http.send("PUT", "/api/ops/flags/H003/booking-window-days", "ops1", Map.of(), "{\"value\": null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(configCenter.getConfig("H003.booking-window-days", "checkup-flags")).isNull();
    }

    @Test
    void laneRulesAreValidatedAndAppliedLive() {
        assertEnvelope(Http.send("PUT", "/api/ops/lane-rules", "ops1", Map.of(), Map.of("users", Map.of("consumer2", "Not A Lane"))), 400, "VALIDATION_FAILED");
        try {
            assertThat(Http.send("PUT", "/api/ops/lane-rules", "ops1", Map.of(), Map.of("users", Map.of("tester1", E2ePlatform.GRAY))).status()).isEqualTo(200);
            // A rule sends the tester's requests to gray without any X-Lane header.
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    "booking-service:gray".equals(Http.get("tester1", "/api/app/hospitals").header("X-Lane-Path")));
            assertThat(Http.get("ops1", "/api/ops/lane-rules").json().at("/users/tester1").asText()).isEqualTo(E2ePlatform.GRAY);
            // The change is in the audit trail: who, and from what to what.
            JsonNode change = Http.get("ops1", "/api/ops/audit").json().get(0);
            assertThat(change.get("target").asText()).isEqualTo("lane-rules");
            assertThat(change.get("actor").asText()).isEqualTo("OPS:ops1");
            assertThat(change.get("newValue").asText()).contains("tester1").contains(E2ePlatform.GRAY);
        } finally {
            configCenter.removeConfig("lane-rules", GROUP);
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "booking-service:baseline".equals(Http.get("tester1", "/api/app/hospitals").header("X-Lane-Path")));
    }

    @Test
    void malformedRequestsGetTheEnvelopeNeverA500() {
        LocalDate day = inDays(11);
        assertEnvelope(Http.get("consumer1", "/api/app/nothing-here"), 404, "NOT_FOUND");
        assertEnvelope(Http.send("DELETE", "/api/app/hospitals", "consumer1", Map.of(), null), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(Http.raw("GET", "/shenyu/plugin/selectorAndRules", Map.of(), null), 404, "NOT_FOUND");
        assertEnvelope(hold("consumer1", "bad-json-" + UUID.randomUUID(), "{\"hospitalId\": ", Map.of()), 400, "BAD_REQUEST");
        assertEnvelope(hold("consumer1", "bad-json-" + UUID.randomUUID(), "[1, 2]", Map.of()), 400, "BAD_REQUEST");
        Map<String, Object> wrongType = new java.util.HashMap<>(holdBody(day, "H001-BASIC"));
        wrongType.put("examinee", "not an object");
        Http.Response wt = hold("consumer1", "wrong-type-" + UUID.randomUUID(), wrongType, Map.of());
        assertEnvelope(wt, 400, "BAD_REQUEST");
        assertThat(wt.json().get("message").asText()).contains("examinee");
        Map<String, Object> extra = new java.util.HashMap<>(holdBody(day, "H001-BASIC"));
        extra.put("discount", 100);
        assertThat(hold("consumer1", "extra-" + UUID.randomUUID(), extra, Map.of()).json().get("message").asText()).contains("discount");
        Http.Response noKey = Http.send("POST", "/api/app/bookings", "consumer1", Map.of(), holdBody(day, "H001-BASIC"));
        assertEnvelope(noKey, 400, "BAD_REQUEST");
        assertThat(noKey.json().get("message").asText()).contains("Idempotency-Key");
        Http.Response missing = Http.get("consumer1", "/api/app/availability?hospitalId=H001&packageId=H001-BASIC&from=" + day);
        assertEnvelope(missing, 400, "BAD_REQUEST");
        assertThat(missing.json().get("message").asText()).contains("'to'");
        assertEnvelope(Http.post("consumer1", "/api/app/orders/O1/pay", Map.of("channel", 42)), 400, "BAD_REQUEST");
        assertEnvelope(Http.post("consumer1", "/api/app/bookings/B1/cancel", "{\"reason\": {\"a\": 1}}"), 400, "BAD_REQUEST");
        String big = "{\"reason\": \"" + "x".repeat(70_000) + "\"}";
        assertEnvelope(Http.post("consumer1", "/api/app/bookings/B1/cancel", big), 413, "PAYLOAD_TOO_LARGE");
        assertEnvelope(Http.get("consumer1", "/api/app/bookings/B-unknown"), 404, "NOT_FOUND");
        assertEnvelope(Http.get("consumer1", "/api/app/availability?hospitalId=H001&packageId=H001-BASIC&from=yesterday&to=" + day), 400, "VALIDATION_FAILED");
        // Headers with which a client could steer ShenYu itself are dropped.
        Http.Response steer = Http.send("GET", "/api/app/hospitals", "tester1", Map.of("rpc_type", "nope", "Dubbo_Tag_Route", "gray"), null);
        assertThat(steer.status()).isEqualTo(200);
        assertThat(steer.header("X-Lane-Path")).isEqualTo("booking-service:baseline");
        // A signed callback route is open, and a bad signature is refused by the payment service.
        Http.Response callback = Http.raw("POST", "/api/payments/callback/SIMULATED", Map.of("X-Signature", "00"), "{\"paymentId\":\"P1\"}");
        assertThat(callback.status()).isBetween(400, 499);
        assertThat(callback.code()).isNotBlank();
    }

    private static void assertEnvelope(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode n = r.json();
        assertThat(n.get("code").asText()).isEqualTo(code);
        assertThat(n.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at com.");
        assertThat(n.get("traceId").asText()).isEqualTo(r.header("X-Request-Id"));
    }

    private static String bundled(String name) throws IOException {
        Path root = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();
        return Files.readString(root.resolve("bff-gateway/src/main/resources/gateway").resolve(name));
    }

    private static long count(Path log, String text) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
    }
}
