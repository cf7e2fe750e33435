package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.context.IdentityAssertion;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.payment.PaymentService;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.privacy.FieldCipher;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.rpc.RpcContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform tried as an attacker would: money without paying, another tenant's data, another role's routes, a
 * forged identity straight at a Dubbo port, hostile values an operator might write. Everything but the Dubbo attack
 * goes through the gateway.
 */
@ExtendWith(E2ePlatform.class)
class SecurityIT {
    /** The simulated channel's secret that was once published in payment-service's application.yml. */
    private static final String PUBLISHED_SECRET = "local-simulated-channel-secret";
    private static DubboApps dubbo;
    private static ReferenceConfig<PaymentService> payments;
    private static ReferenceConfig<OrderService> orders;
    private static ReferenceConfig<BookingService> bookings;

    @BeforeAll
    static void connect() {
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("tester1", "/api/app/hospitals").status() == 200);
        dubbo = new DubboApps(E2ePlatform.config().registryUrl());
        DubboApps.App app = dubbo.app("e2e-attacker", null);
        payments = app.refer(PaymentService.class);
        orders = app.refer(OrderService.class);
        bookings = app.refer(BookingService.class);
        app.start();
    }

    @AfterAll
    static void close() {
        if (dubbo != null) {
            dubbo.close();
        }
    }

    // ------------------------------------------------------------------ money

    @Test
    void nobodyConfirmsABookingWithoutPaying() throws Exception {
        freeHoldsOf("tester1");
        Http.Response held = GatewayIT.hold("tester1", "sec-" + UUID.randomUUID(), holdBody(GatewayIT.inDays(4), "H003-BASIC"),
                Map.of());
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        String bookingId = held.json().get("bookingId").asText();
        String orderId = held.json().get("orderId").asText();
        Http.Response paid = Http.post("tester1", "/api/app/orders/" + orderId + "/pay", Map.of("channel", "SIMULATED"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        String paymentId = paid.json().get("paymentId").asText();
        long amount = paid.json().get("amountCents").asLong();

        String body = "{\"paymentId\":\"" + paymentId + "\",\"orderId\":\"" + orderId + "\",\"amountCents\":" + amount
                + ",\"kind\":\"SUCCESS\",\"channelTxnId\":\"FORGED-1\"}";
        Http.Response forged = callback("SIMULATED", body, hmac(PUBLISHED_SECRET, body));
        assertThat(forged.status()).as("signed with the once-published key").isEqualTo(401);
        assertThat(forged.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(callback("WECHAT", body, hmac(PUBLISHED_SECRET, body)).status()).as("a channel not configured").isEqualTo(404);
        Http.Response tooLong = callback("X".repeat(40), body, "00");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("VALIDATION_FAILED");
        Http.Response injected = callback("SIM%0A2026-12-01T00:00:00.000Z%20INFO%20FORGED-LOG-LINE", body, "00");
        assertThat(injected.status()).isIn(400, 404);
        assertThat(injected.json().has("traceId")).isTrue();

        // Nothing above moved the booking; the log has no line of the attacker's making.
        assertThat(Http.get("tester1", "/api/app/bookings/" + bookingId).json().get("status").asText()).isIn("HELD", "CONFIRMED");
        for (String service : List.of("payment-service", "bff-gateway")) {
            Path log = E2ePlatform.logDir().resolve(service + ".log");
            assertThat(log).exists();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                assertThat(line).as(service + " log").doesNotStartWith("2026-12-01T00:00:00.000Z INFO FORGED-LOG-LINE");
            }
        }
        Http.post("tester1", "/api/app/bookings/" + bookingId + "/cancel", Map.of());
    }

    @Test
    void anIdentityIsBelievedOnlyWhenSignedWithThePlatformsKey() {
        // No caller at all: refused where a caller is needed.
        assertThat(code(() -> Acting.anonymously(() -> payments.get().refund("P-any", "x")))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> Acting.anonymously(() -> orders.get().get("O-any")))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> Acting.anonymously(() -> bookings.get().mine()))).isEqualTo("UNAUTHENTICATED");
        // Plain attachments claiming to be the platform, as any process that reaches a Dubbo port could send.
        assertThat(code(() -> forged("SYSTEM", null, "booking-service", null, () -> payments.get().refund("P-any", "x"))))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> forged("OPS", null, "ops1", "v1.9999999999.AAAA", () -> orders.get().get("O-any"))))
                .isEqualTo("UNAUTHENTICATED");
        // Signed, but with a key of the attacker's own.
        IdentityAssertion attackers = IdentityAssertion.fromBase64(FieldCipher.newKey());
        String trace = "attack-" + UUID.randomUUID();
        String ownKey = attackers.sign("SYSTEM", null, "booking-service", trace, OrderService.class.getName(),
                Instant.now().getEpochSecond());
        assertThat(code(() -> forgedOnTrace(trace, "SYSTEM", null, "booking-service", ownKey, () -> orders.get().get("O-any"))))
                .isEqualTo("UNAUTHENTICATED");
        // A genuine assertion (this test holds the platform's key) replayed with another caller or another trace.
        IdentityAssertion platforms = IdentityAssertion.fromBase64(E2ePlatform.secret("identity.key"));
        String genuine = platforms.sign("CONSUMER", null, "consumer1", trace, BookingService.class.getName(),
                Instant.now().getEpochSecond());
        assertThat(code(() -> forgedOnTrace(trace, "OPS", null, "consumer1", genuine, () -> bookings.get().mine())))
                .as("persona swapped").isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> forgedOnTrace(trace, "CONSUMER", null, "consumer1", genuine, () -> payments.get().get("P-any"))))
                .as("made for booking-service, replayed at payment-service").isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> forgedOnTrace("other-" + trace, "CONSUMER", null, "consumer1", genuine, () -> bookings.get().mine())))
                .as("replayed on another trace").isEqualTo("UNAUTHENTICATED");
        // ... and as it was made, it is believed: the key, not the channel, is what makes a caller.
        assertThat(forgedOnTrace(trace, "CONSUMER", null, "consumer1", genuine, () -> bookings.get().mine())).isNotNull();
    }

    // ------------------------------------------------------------------ tenants and roles

    @Test
    void noTenantReachesAnothersData() {
        freeHoldsOf("consumer1");
        Http.Response held = GatewayIT.hold("consumer1", "sec-" + UUID.randomUUID(), holdBody(GatewayIT.inDays(5), "H001-BASIC"),
                Map.of());
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        String bookingId = held.json().get("bookingId").asText();
        String orderId = held.json().get("orderId").asText();
        assertThat(Http.get("consumer2", "/api/app/bookings/" + bookingId).status()).isEqualTo(404);
        assertThat(Http.post("consumer2", "/api/app/orders/" + orderId + "/pay", Map.of("channel", "SIMULATED")).status()).isEqualTo(404);
        assertThat(Http.post("consumer2", "/api/app/bookings/" + bookingId + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(Http.post("desk.h002", "/api/desk/bookings/" + bookingId + "/check-in", null).status()).isEqualTo(404);
        assertThat(Http.bytes("GET", "/api/desk/bookings/" + bookingId + "/report", "desk.h002", null, null).status()).isEqualTo(404);
        // A company runs campaigns only where it has an agreement (ACME has one with H001 only).
        Map<String, Object> campaign = new HashMap<>();
        campaign.put("name", "Everything at H002");
        campaign.put("hospitalId", "H002");
        campaign.put("packageIds", List.of("H002-BASIC"));
        campaign.put("startDate", GatewayIT.inDays(2).toString());
        campaign.put("endDate", GatewayIT.inDays(20).toString());
        campaign.put("dailyShare", 10000);
        campaign.put("shareCutoffDays", 0);
        Http.Response noAgreement = Http.post("hr.acme", "/api/hr/campaigns", campaign);
        assertThat(noAgreement.status()).as(noAgreement.toString()).isEqualTo(403);
        assertThat(noAgreement.json().get("message").asText()).contains("agreement");
        campaign.put("hospitalId", "H001");
        campaign.put("packageIds", List.of("H001-BASIC"));
        Http.Response tooMuch = Http.post("hr.acme", "/api/hr/campaigns", campaign);
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(400);
        Http.post("consumer1", "/api/app/bookings/" + bookingId + "/cancel", Map.of());
    }

    @Test
    void eachRoleKeepsToItsRoutes() {
        assertThat(Http.send("PUT", "/api/ops/flags/H001/hold-expiry", "tester1", Map.of(), Map.of("value", "PT1M")).status())
                .as("testers read, ops write").isEqualTo(403);
        assertThat(Http.send("PUT", "/api/ops/lane-rules", "tester1", Map.of(), Map.of("users", Map.of())).status()).isEqualTo(403);
        assertThat(Http.send("PUT", "/api/ops/agreements/H002/ACME", "hr.acme", Map.of(),
                Map.of("maxDailyShare", 1000, "maxSlotSharePercent", 100)).status()).isEqualTo(403);
        assertThat(Http.get("consumer1", "/api/ops/messages?recipient=consumer1").status()).isEqualTo(403);
        assertThat(Http.get("hr.acme", "/api/desk/arrivals").status()).isEqualTo(403);
        assertThat(Http.get("desk.h001", "/api/hr/campaigns").status()).isEqualTo(403);
        assertThat(Http.get("tester1", "/api/ops/audit").status()).isEqualTo(403);
        assertThat(Http.send("POST", "/api/ops/messages/M-none/replay", "tester1", Map.of(), null).status()).isEqualTo(403);
        Http.Response catalogue = Http.get("tester1", "/api/ops/flags");
        assertThat(catalogue.status()).as("testers read the flag catalogue").isEqualTo(200);
        assertThat(catalogue.json().findValuesAsText("name")).contains("hold-expiry", "connector", "max-unpaid-holds");
    }

    @Test
    void aConsumerCannotHoldAWholeDay() {
        freeHoldsOf("tester1");
        List<Integer> statuses = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Http.Response r = GatewayIT.hold("tester1", "cap-" + UUID.randomUUID(), holdBody(GatewayIT.inDays(6), "H003-BASIC"), Map.of());
            statuses.add(r.status());
            if (r.status() == 200) {
                held.add(r.json().get("bookingId").asText());
            } else {
                assertThat(r.code()).isEqualTo("TOO_MANY_HOLDS");
                assertThat(r.json().get("message").asText()).contains("unpaid");
            }
        }
        assertThat(statuses).containsExactly(200, 200, 200, 409, 409, 409);
        held.forEach(id -> Http.post("tester1", "/api/app/bookings/" + id + "/cancel", Map.of()));
    }

    // ------------------------------------------------------------------ addresses behind a proxy

    /**
     * The gateway here trusts 127.0.0.1 as its proxy (E2ePlatform), as it would trust the ingress: failed logins are
     * counted per client as the proxy reports it, so one client locked out does not lock out everyone behind the
     * proxy, and an address a client writes into the header itself is not believed.
     */
    @Test
    void failedLoginsAreCountedPerClientAsTheTrustedProxyReportsIt() {
        String attacker = "203.0.113.7";
        // Each failed login costs a password hash (~1 s here): two at a time, the machine's two cores, so the 20
        // failures fit well inside the throttle's one-minute window on a slower machine too.
        int threads = 2;
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Http.Response> lock = new AtomicReference<>();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                loops.add(pool.submit(() -> {
                    for (int i = 0; i < 150 && lock.get() == null && unexpected.isEmpty() && System.nanoTime() < until; i++) {
                        // a new user name each time: only the address's count can lock (5 per name, 20 per address)
                        Http.Response r = login("guess-" + UUID.randomUUID(), Map.of("X-Forwarded-For", attacker));
                        if (r.status() == 401) {
                            failures.incrementAndGet();
                        } else if (r.status() == 429 && r.json().path("message").asText().contains("failed logins from this address")) {
                            lock.compareAndSet(null, r);
                        } else if (r.status() != 429) {
                            // the login route's flow limit (10/s per client) answers 429 too: only slows the loop down
                            unexpected.add(r.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        Http.Response locked = lock.get();
        assertThat(locked).as("the address is locked out").isNotNull();
        // a failure counts as it ends: the other loop's attempt may have begun just before the 20th ended
        assertThat(failures.get()).as("failures counted before the lock").isBetween(20, 20 + threads - 1);
        assertThat(locked.header("Retry-After")).isNotNull();

        assertThat(login("consumer1", Map.of("X-Forwarded-For", attacker)).status())
                .as("locked out even with the right password").isEqualTo(429);
        assertThat(login("consumer1", Map.of("X-Forwarded-For", "198.51.100.77")).status())
                .as("another client behind the same proxy").isEqualTo(200);
        assertThat(login("consumer1", Map.of()).status()).as("the proxy's own requests").isEqualTo(200);
        assertThat(login("consumer1", Map.of("X-Forwarded-For", attacker + ", 198.51.100.78")).status())
                .as("the locked client writing its old address in front of the one the proxy appends").isEqualTo(200);
        assertThat(login("consumer1", Map.of("X-Forwarded-For", "198.51.100.78, " + attacker)).status())
                .as("an address the locked client writes itself does not unlock it").isEqualTo(429);
    }

    private static Http.Response login(String user, Map<String, String> headers) {
        String password = user.startsWith("guess-") ? "wrong" : user + "-pass";
        return Http.raw("POST", "/api/auth/login", headers, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    // ------------------------------------------------------------------ operators' writes

    @Test
    void flagValuesAreCheckedByTypeAndEveryChangeIsAudited() {
        Http.Response banana = Http.send("PUT", "/api/ops/flags/H003/hold-expiry", "ops1", Map.of(), Map.of("value", "banana"));
        assertThat(banana.status()).isEqualTo(400);
        assertThat(banana.json().get("message").asText()).contains("hold-expiry").contains("banana");
        Http.Response metadata = Http.send("PUT", "/api/ops/flags/H003/connector", "ops1", Map.of(),
                Map.of("value", "HTTP_JSON http://169.254.169.254/latest/meta-data"));
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.json().get("message").asText()).contains("169.254.169.254").contains("not an allowed");
        assertThat(Http.send("PUT", "/api/ops/flags/H003/no-such-flag", "ops1", Map.of(), Map.of("value", "1")).status())
                .isEqualTo(404);
        assertThat(Http.send("PUT", "/api/ops/flags/H003/max-unpaid-holds", "ops1", Map.of(), Map.of("value", "100000")).status())
                .as("out of range").isEqualTo(400);

        Http.Response ok = Http.send("PUT", "/api/ops/flags/H003/booking-window-days", "ops1", Map.of(), Map.of("value", "29"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        Http.send("PUT", "/api/ops/flags/H003/booking-window-days", "ops1", Map.of(), Map.of("value", "30"));
        JsonNode audit = Http.get("ops1", "/api/ops/audit").json();
        assertThat(audit.isArray()).isTrue();
        JsonNode last = audit.get(0);
        assertThat(last.get("actor").asText()).isEqualTo("OPS:ops1");
        assertThat(last.get("target").asText()).isEqualTo("flag H003.booking-window-days");
        assertThat(last.get("oldValue").asText()).isEqualTo("29");
        assertThat(last.get("newValue").asText()).isEqualTo("30");
        assertThat(last.get("at").asText()).isNotEmpty();
    }

    @Test
    void connectorCredentialsAreWrittenByOpsStoredEncryptedAndOnlyEverShownMasked() throws Exception {
        Map<String, Object> creds = Map.of("kind", "API_KEY", "secret", "h002-api-key-e2e");
        assertThat(Http.send("PUT", "/api/ops/connectors/H002/credentials", "tester1", Map.of(), creds).status()).isEqualTo(403);
        Http.Response bad = Http.send("PUT", "/api/ops/connectors/H002/credentials", "ops1", Map.of(), Map.of("kind", "TOKEN", "secret", "x"));
        assertThat(bad.status()).isEqualTo(400);
        Http.Response set = Http.send("PUT", "/api/ops/connectors/H002/credentials", "ops1", Map.of(), creds);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("credentials").asText()).isEqualTo("API_KEY **** for 127.0.0.1:" + java.net.URI.create(E2ePlatform.config().simulatorUrl()).getPort());
        assertThat(set.text()).doesNotContain("h002-api-key-e2e");
        assertThat(Http.get("tester1", "/api/ops/hospital-sync").text()).doesNotContain("h002-api-key-e2e");

        // H002's system now insists on the key: a booking confirmed there still reaches it.
        simulatorControl("H002", "{\"mode\":\"OK\",\"apiKey\":\"h002-api-key-e2e\"}");
        try {
            freeHoldsOf("tester1");
            Http.Response held = GatewayIT.hold("tester1", "cred-" + UUID.randomUUID(), holdBody(GatewayIT.inDays(7), "H002-BASIC"), Map.of());
            assertThat(held.status()).as(held.toString()).isEqualTo(200);
            String bookingId = held.json().get("bookingId").asText();
            assertThat(Http.post("tester1", "/api/app/orders/" + held.json().get("orderId").asText() + "/pay",
                    Map.of("channel", "SIMULATED")).status()).isEqualTo(200);
            String control = E2ePlatform.config().simulatorUrl() + "/control/hospitals/H002";
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    Http.getJson(control).get("bookings").findValuesAsText("bookingId").contains(bookingId));
            assertThat(Http.getJson(control).get("unauthorized").asInt()).isZero();
            Http.post("tester1", "/api/app/bookings/" + bookingId + "/cancel", Map.of());
        } finally {
            simulatorControl("H002", "{\"mode\":\"OK\",\"apiKey\":null}");
            assertThat(Http.send("DELETE", "/api/ops/connectors/H002/credentials", "ops1", Map.of(), null).status()).isEqualTo(200);
        }
        for (String log : List.of("hospital-sync-service", "bff-gateway")) {
            Path p = E2ePlatform.logDir().resolve(log + ".log");
            assertThat(p).exists();
            assertThat(Files.readString(p, StandardCharsets.UTF_8)).as(log + " log").doesNotContain("h002-api-key-e2e");
        }
    }

    private static void simulatorControl(String hospital, String json) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(E2ePlatform.config().simulatorUrl() + "/control/hospitals/" + hospital))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> holdBody(java.time.LocalDate day, String pkg) {
        Map<String, Object> b = new HashMap<>(GatewayIT.holdBody(day, pkg));
        b.put("hospitalId", pkg.substring(0, pkg.indexOf('-')));
        return b;
    }

    /** Cancels the user's unpaid holds, so a test starts below the cap whatever ran before. */
    static void freeHoldsOf(String user) {
        for (JsonNode b : Http.get(user, "/api/app/bookings").json()) {
            if ("HELD".equals(b.get("status").asText())) {
                Http.post(user, "/api/app/bookings/" + b.get("bookingId").asText() + "/cancel", Map.of());
            }
        }
    }

    private static Http.Response callback(String channel, String body, String signature) {
        return Http.raw("POST", "/api/payments/callback/" + channel, Map.of("X-Signature", signature), body);
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte x : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", x));
        }
        return hex.toString();
    }

    /** A call with caller attachments set by hand (no bound caller: the platform's filter adds none of its own). */
    private static <T> T forged(String persona, String tenant, String user, String assertion, Supplier<T> call) {
        return forgedOnTrace(null, persona, tenant, user, assertion, call);
    }

    private static <T> T forgedOnTrace(String trace, String persona, String tenant, String user, String assertion,
                                       Supplier<T> call) {
        // The bound context has the trace and no caller: the platform's own filter sends that trace and no identity;
        // the hand-set attachments below are the attacker's.
        CallContext root = trace == null ? CallContext.newRoot() : new CallContext(trace, null, null, null, null);
        try (var ignored = CallContextHolder.bind(root)) {
            RpcContext.getClientAttachment().setAttachment("checkup-persona", persona);
            if (tenant != null) {
                RpcContext.getClientAttachment().setAttachment("checkup-tenant", tenant);
            }
            RpcContext.getClientAttachment().setAttachment("checkup-user", user);
            if (assertion != null) {
                RpcContext.getClientAttachment().setAttachment(IdentityAssertion.ATTACHMENT, assertion);
            }
            return call.get();
        } finally {
            RpcContext.getClientAttachment().clearAttachments();
        }
    }

    private static String code(Runnable call) {
        return BusinessErrors.codeOf(call);
    }
}
