package com.checkup.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentEvent;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.contracts.payment.PaymentView;
import com.checkup.payment.app.PendingPayments;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.ActingAsPlatform;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.simulator.wechatpay.WeChatPayKeys;
import com.checkup.simulator.wechatpay.WeChatPaySimulator;
import com.checkup.simulator.wechatpay.WeChatPaySimulator.Behaviour;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WECHAT_PAY channel: payment-service with the official SDK, unmodified, talking to the WeChat Pay simulator on
 * loopback (its own platform key; the merchant's key and API v3 key generated here, as a deployment's secrets would
 * be). Notifications reach payment-service the way the gateway delivers them: an HTTP endpoint that hands the body
 * and the Wechatpay-* headers to {@code PaymentService.notification} over Dubbo and answers 2xx only on "OK".
 */
@ExtendWith({EmbeddedInfraExtension.class, ActingAsPlatform.class})
class WeChatPayIT {
    private static final String MCH = "1900000109";
    private static final String APP = "wxd678efh567hg6787";
    private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final String KEY_ID = "PUB_KEY_ID_0119000001092025";
    private static final Behaviour FAST = Behaviour.normal().withDelay(200);

    private static WeChatPaySimulator channel;
    private static KeyPair platform;
    private static String apiV3Key;
    private static HttpServer receiver;
    private static PaymentServiceFixture f;
    /** Every notification as it reached the receiver (headers and body), to replay one byte for byte. */
    private static final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        KeyPair merchant = WeChatPayKeys.newRsaKeyPair();
        platform = WeChatPayKeys.newRsaKeyPair();
        apiV3Key = WeChatPayKeys.newApiV3Key();
        channel = WeChatPaySimulator.start(0, new WeChatPaySimulator.Merchant(MCH, APP, SERIAL, merchant.getPublic(), apiV3Key),
                platform.getPrivate(), KEY_ID);
        channel.behave(FAST);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/api/payments/notify/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> h = new java.util.HashMap<>();
                for (String name : List.of("Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce",
                        "Wechatpay-Signature-Type")) {
                    String v = ex.getRequestHeaders().getFirst(name);
                    if (v != null) {
                        h.put(name, v);
                    }
                }
                h.put("body", body);
                received.add(h);
                int status = deliver(h);
                ex.sendResponseHeaders(status, -1);
            }
        });
        receiver.start();
        String notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/api/payments/notify/WECHAT_PAY";
        f = new PaymentServiceFixture(infra, "payment_wechat_it",
                "--checkup.payment.wechatpay.enabled=true",
                "--checkup.payment.wechatpay.mch-id=" + MCH,
                "--checkup.payment.wechatpay.app-id=" + APP,
                "--checkup.payment.wechatpay.merchant-serial=" + SERIAL,
                "--checkup.payment.wechatpay.private-key=" + WeChatPayKeys.pem(merchant.getPrivate()),
                "--checkup.payment.wechatpay.api-v3-key=" + apiV3Key,
                "--checkup.payment.wechatpay.platform-public-key=" + WeChatPayKeys.pem(platform.getPublic()),
                "--checkup.payment.wechatpay.platform-public-key-id=" + KEY_ID,
                "--checkup.payment.wechatpay.notify-url=" + notifyUrl,
                "--checkup.payment.wechatpay.base-url=" + channel.baseUrl(),
                "--checkup.payment.wechatpay.read-timeout=1s",
                // the test asks about late payments itself
                "--checkup.payment.pending.query-after=0s", "--checkup.payment.pending.interval=1h",
                "--checkup.payment.reconciliation.grace=0s", "--checkup.payment.reconciliation.interval=1h");
    }

    /** What the gateway does with a notification: hand it over, 200 on OK, the error's status otherwise. */
    private static int deliver(Map<String, String> h) {
        try {
            String answer = Acting.anonymously(() -> f.payments.get().notification("WECHAT_PAY", h.get("body"),
                    h.get("Wechatpay-Serial"), h.get("Wechatpay-Signature"), h.get("Wechatpay-Timestamp"),
                    h.get("Wechatpay-Nonce"), h.get("Wechatpay-Signature-Type")));
            return "OK".equals(answer) ? 200 : 500;
        } catch (BusinessException e) {
            return com.checkup.contracts.error.ErrorCode.valueOf(e.getCode()).httpStatus();
        } catch (RuntimeException e) {
            return 500;
        }
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (channel != null) {
            channel.close();
        }
    }

    @BeforeEach
    void normal() {
        channel.behave(FAST);
    }

    private static PaymentView pay(OrderView o) {
        return Acting.asPlatform(() -> f.payments.get().pay(o.getOrderId(), "WECHAT_PAY"));
    }

    private static PaymentStatus status(String paymentId) {
        return Acting.asPlatform(() -> f.payments.get().get(paymentId)).getStatus();
    }

    private static String outTradeNo(String paymentId) {
        return paymentId.substring(1);
    }

    private static List<String> outcomes(String paymentId) {
        return f.db.queryForList("SELECT outcome FROM payment_callbacks WHERE payment_id = ? ORDER BY id", String.class, paymentId);
    }

    private static void awaitStatus(String paymentId, PaymentStatus expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(paymentId) == expected);
    }

    @Test
    void aPaymentGoesThroughTheSdkAndItsDuplicatedNotificationAppliesOnce() {
        channel.behave(new Behaviour(true, 200, 2, false, false, 0, 0));
        OrderView o = f.order(39900, OrderStatus.CREATED);
        PaymentView p = pay(o);
        assertThat(p.getPayUrl()).startsWith(channel.baseUrl() + "/pay/h5?prepay_id=");
        assertThat(pay(o).getPaymentId()).as("asking again while pending answers the same payment").isEqualTo(p.getPaymentId());

        awaitStatus(p.getPaymentId(), PaymentStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes(p.getPaymentId()).size() == 3);
        assertThat(outcomes(p.getPaymentId())).containsExactlyInAnyOrder("APPLIED", "REPLAY", "REPLAY");
        assertThat(f.events(PaymentEvent.SUCCEEDED, o.getOrderId())).isEqualTo(1);
        assertThat(Acting.asPlatform(() -> f.payments.get().get(p.getPaymentId())).getChannelTxnId()).startsWith("42");
        assertThat(channel.deliveries()).filteredOn(d -> d.outTradeNo().equals(outTradeNo(p.getPaymentId())))
                .allMatch(d -> d.status() == 200);
        assertThat(channel.badSignatures()).as("the SDK's request signatures verify").isZero();
    }

    @Test
    void thePayersAddressGoesWithTheOrderWhenItIsAnAddress() {
        OrderView o = f.order(7700, OrderStatus.CREATED);
        PaymentView p = Acting.asPlatform(() -> f.payments.get().payFrom(o.getOrderId(), "WECHAT_PAY", "203.0.113.9"));
        assertThat(channel.payerAddress(outTradeNo(p.getPaymentId()))).isEqualTo("203.0.113.9");
        OrderView other = f.order(7700, OrderStatus.CREATED);
        PaymentView q = Acting.asPlatform(() -> f.payments.get().payFrom(other.getOrderId(), "WECHAT_PAY", "evil\r\nhost"));
        assertThat(channel.payerAddress(outTradeNo(q.getPaymentId()))).as("not an IP literal: the default").isEqualTo("127.0.0.1");
    }

    @Test
    void aTamperedNotificationIsRefusedAndTheGenuineOneStillApplies() {
        channel.behave(new Behaviour(true, 200, 0, true, false, 0, 0));
        OrderView o = f.order(12000, OrderStatus.CREATED);
        PaymentView p = pay(o);
        awaitStatus(p.getPaymentId(), PaymentStatus.SUCCEEDED);
        assertThat(channel.deliveries()).filteredOn(d -> d.outTradeNo().equals(outTradeNo(p.getPaymentId())) && d.tampered())
                .singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(401));
        assertThat(f.db.queryForObject("SELECT COUNT(*) FROM payment_callbacks WHERE channel = 'WECHAT_PAY' AND outcome = 'REJECTED'",
                Integer.class)).isPositive();
        assertThat(f.events(PaymentEvent.SUCCEEDED, o.getOrderId())).isEqualTo(1);
    }

    @Test
    void aLostNotificationIsMadeUpForByAskingTheChannel() {
        channel.behave(new Behaviour(true, 100, 0, false, true, 0, 0));
        OrderView o = f.order(8800, OrderStatus.CREATED);
        PaymentView p = pay(o);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCESS".equals(channel.tradeState(outTradeNo(p.getPaymentId()))));
        assertThat(status(p.getPaymentId())).isEqualTo(PaymentStatus.PENDING);

        PendingPayments.Report r = f.service.getBean(PendingPayments.class).run();
        assertThat(r.applied()).isGreaterThanOrEqualTo(1);
        assertThat(status(p.getPaymentId())).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(f.db.queryForObject("SELECT body FROM payment_callbacks WHERE payment_id = ? AND outcome = 'APPLIED'",
                String.class, p.getPaymentId())).contains("\"via\":\"query\"");
        assertThat(f.events(PaymentEvent.SUCCEEDED, o.getOrderId())).isEqualTo(1);
    }

    @Test
    void aChannelThatFailsAsksInARowIsLeftAloneForTheRestOfThePass() {
        Behaviour unpaid = new Behaviour(false, 0, 0, false, false, 0, 0);
        channel.behave(unpaid);
        List<PaymentView> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(pay(f.order(3100 + i, OrderStatus.CREATED)));
        }
        PendingPayments pending = f.service.getBean(PendingPayments.class);

        channel.behave(new Behaviour(false, 0, 0, false, false, 1, 0)); // one request gets a 500
        PendingPayments.Report once = pending.run();
        assertThat(once.unreachable()).isEqualTo(1);
        assertThat(once.deferred()).as("one failure (maybe one payment's) holds back nobody").isZero();

        channel.behave(new Behaviour(false, 0, 0, false, false, 3, 0)); // away: three 500s in a row
        PendingPayments.Report away = pending.run();
        assertThat(away.unreachable()).isEqualTo(3);
        assertThat(away.deferred()).as("the others left to the next pass").isGreaterThanOrEqualTo(2);

        channel.behave(unpaid);
        PendingPayments.Report back = pending.run();
        assertThat(back.unreachable()).isZero();
        assertThat(back.deferred()).isZero();
        assertThat(back.asked()).isGreaterThanOrEqualTo(waiting.size());
        waiting.forEach(p -> assertThat(status(p.getPaymentId())).isEqualTo(PaymentStatus.PENDING));
    }

    @Test
    void aRefundGoesToTheChannelAndCompletesOnItsNotificationEvenWhenTheFirstRequestFails() {
        OrderView o = f.order(25000, OrderStatus.CREATED);
        PaymentView p = pay(o);
        awaitStatus(p.getPaymentId(), PaymentStatus.SUCCEEDED);

        channel.behave(new Behaviour(true, 200, 0, false, false, 1, 0)); // the refund request gets a 500
        PaymentView asked = Acting.asPlatform(() -> f.payments.get().refund(p.getPaymentId(), "cancelled"));
        assertThat(asked.getStatus()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(channel.tradeState(outTradeNo(p.getPaymentId()))).isEqualTo("SUCCESS");

        PendingPayments.Report r = f.service.getBean(PendingPayments.class).run(); // asks again
        assertThat(r.refundsAskedAgain()).isGreaterThanOrEqualTo(1);
        awaitStatus(p.getPaymentId(), PaymentStatus.REFUNDED);
        assertThat(channel.tradeState(outTradeNo(p.getPaymentId()))).isEqualTo("REFUND");
        assertThat(f.events(PaymentEvent.REFUNDED, o.getOrderId())).isEqualTo(1);
    }

    @Test
    void anOrderClosedUnpaidClosesItsTradeSoThePayerCanNoLongerPayIt() throws Exception {
        channel.behave(new Behaviour(false, 200, 0, false, false, 0, 0)); // the payer has not paid
        OrderView o = f.order(31000, OrderStatus.CREATED);
        PaymentView p = pay(o);
        String no = outTradeNo(p.getPaymentId());
        assertThat(channel.tradeState(no)).isEqualTo("NOTPAY");

        f.orderClosed(o); // the hold expired
        awaitStatus(p.getPaymentId(), PaymentStatus.CLOSED);
        assertThat(channel.tradeState(no)).isEqualTo("CLOSED");
        assertThat(channel.pay(no)).as("the payer cannot pay a closed trade").isFalse();
        assertThat(f.events(PaymentEvent.SUCCEEDED, o.getOrderId())).isZero();
        assertThat(channel.badSignatures()).isZero();
    }

    @Test
    void aPendingPaymentWhoseOrderClosedUnseenHasItsTradeClosedByThePendingPass() {
        // order.closed never reached payment-service (or its channel was away then): the next pass closes the trade.
        channel.behave(new Behaviour(false, 200, 0, false, false, 0, 0));
        OrderView o = f.order(27000, OrderStatus.CREATED);
        PaymentView p = pay(o);
        o.setStatus(OrderStatus.CLOSED);

        f.service.getBean(PendingPayments.class).run();
        assertThat(status(p.getPaymentId())).isEqualTo(PaymentStatus.CLOSED);
        assertThat(channel.tradeState(outTradeNo(p.getPaymentId()))).isEqualTo("CLOSED");
        OrderView open = f.order(27000, OrderStatus.CREATED);
        PaymentView q = pay(open);
        f.service.getBean(PendingPayments.class).run();
        assertThat(status(q.getPaymentId())).as("an open order's trade stays open").isEqualTo(PaymentStatus.PENDING);
        assertThat(channel.tradeState(outTradeNo(q.getPaymentId()))).isEqualTo("NOTPAY");
    }

    @Test
    void aTradePaidJustBeforeItsOrderClosedIsAppliedThenGivenBack() throws Exception {
        // The payer pays, its notification is lost, then the hold expires: the close finds the trade paid.
        channel.behave(new Behaviour(false, 200, 0, false, true, 0, 0));
        OrderView o = f.order(42000, OrderStatus.CREATED);
        PaymentView p = pay(o);
        assertThat(channel.pay(outTradeNo(p.getPaymentId()))).isTrue();

        f.orderClosed(o);
        awaitStatus(p.getPaymentId(), PaymentStatus.SUCCEEDED);
        assertThat(outcomes(p.getPaymentId())).containsExactly("APPLIED");
        assertThat(f.events(PaymentEvent.SUCCEEDED, o.getOrderId())).isEqualTo(1);

        channel.behave(FAST);
        f.service.getBean(com.checkup.payment.app.Reconciliation.class).run(); // its order is closed: money back
        awaitStatus(p.getPaymentId(), PaymentStatus.REFUNDED);
        assertThat(channel.tradeState(outTradeNo(p.getPaymentId()))).isEqualTo("REFUND");
    }

    @Test
    void reconciliationRefundsMoneyTakenForAClosedOrderOnlyOnceTheChannelConfirmsIt() {
        OrderView o = f.order(6600, OrderStatus.CREATED);
        PaymentView p = pay(o);
        awaitStatus(p.getPaymentId(), PaymentStatus.SUCCEEDED);
        o.setStatus(OrderStatus.CLOSED); // the hold expired meanwhile: the money was taken for nothing

        channel.behave(new Behaviour(true, 200, 0, false, false, 1, 0)); // the channel cannot be asked this time
        f.service.getBean(com.checkup.payment.app.Reconciliation.class).run();
        assertThat(status(p.getPaymentId())).as("no refund without the channel's word").isEqualTo(PaymentStatus.SUCCEEDED);

        channel.behave(FAST);
        f.service.getBean(com.checkup.payment.app.Reconciliation.class).run();
        awaitStatus(p.getPaymentId(), PaymentStatus.REFUNDED);
        assertThat(channel.tradeState(outTradeNo(p.getPaymentId()))).isEqualTo("REFUND");
    }

    @Test
    void aChannelThatFailsOrTimesOutAnswersUnavailableAndTheNextAskWorks() {
        channel.behave(new Behaviour(true, 200, 0, false, false, 1, 0));
        OrderView o = f.order(5000, OrderStatus.CREATED);
        BusinessException failed = org.junit.jupiter.api.Assertions.assertThrows(BusinessException.class, () -> pay(o));
        assertThat(failed.getCode()).isEqualTo("UNAVAILABLE");

        channel.behave(new Behaviour(true, 200, 0, false, false, 0, 2500)); // past the 1 s read timeout
        long started = System.nanoTime();
        assertThat(PaymentServiceFixture.code(() -> pay(o))).isEqualTo("UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

        channel.behave(FAST);
        PaymentView p = pay(o);
        assertThat(p.getPayUrl()).isNotNull();
        awaitStatus(p.getPaymentId(), PaymentStatus.SUCCEEDED);
    }

    @Test
    void replayedStaleOrMismatchedNotificationsMoveNothing() throws Exception {
        OrderView o = f.order(30000, OrderStatus.CREATED);
        PaymentView p = pay(o);
        awaitStatus(p.getPaymentId(), PaymentStatus.SUCCEEDED);
        Map<String, String> captured = received.stream().filter(h -> h.get("body").contains("TRANSACTION.SUCCESS")
                && decryptsTo(h.get("body"), outTradeNo(p.getPaymentId()))).findFirst().orElseThrow();

        // The same bytes again (same nonce): acknowledged, not applied.
        assertThat(post(captured)).isEqualTo(200);
        assertThat(outcomes(p.getPaymentId())).contains("NONCE_REPLAY");

        // Genuinely signed, but ten minutes old: outside the replay window.
        OrderView other = f.order(1000, OrderStatus.CREATED);
        channel.behave(new Behaviour(false, 200, 0, false, false, 0, 0)); // this payer does not pay by themselves
        PaymentView q = pay(other);
        String transaction = "{\"mchid\":\"" + MCH + "\",\"appid\":\"" + APP + "\",\"out_trade_no\":\"" + outTradeNo(q.getPaymentId())
                + "\",\"transaction_id\":\"4200000001\",\"trade_state\":\"SUCCESS\",\"attach\":\"" + other.getOrderId()
                + "\",\"amount\":{\"total\":1000,\"currency\":\"CNY\"}}";
        assertThat(post(signed(transaction, Instant.now().minusSeconds(600)))).isEqualTo(401);
        // Fresh and genuine, but for another amount than the payment's: refused.
        String cheaper = transaction.replace("\"total\":1000", "\"total\":1");
        assertThat(post(signed(cheaper, Instant.now()))).isEqualTo(400);
        assertThat(outcomes(q.getPaymentId())).containsExactly("MISMATCH");
        assertThat(status(q.getPaymentId())).isEqualTo(PaymentStatus.PENDING);
        // A timestamp no clock can hold: refused like any stale one, not an error of ours.
        Map<String, String> absurd = new java.util.HashMap<>(signed(transaction, Instant.now()));
        absurd.put("Wechatpay-Timestamp", "100000000000000000");
        assertThat(post(absurd)).isEqualTo(401);
        // Fresh, genuine and right: applies.
        assertThat(post(signed(transaction, Instant.now()))).isEqualTo(200);
        assertThat(status(q.getPaymentId())).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void aGenuineEventThePlatformDoesNotActOnIsAcknowledgedAndKept() throws Exception {
        OrderView o = f.order(4000, OrderStatus.CREATED);
        channel.behave(new Behaviour(false, 200, 0, false, false, 0, 0));
        PaymentView p = pay(o);
        String abnormal = "{\"mchid\":\"" + MCH + "\",\"out_trade_no\":\"" + outTradeNo(p.getPaymentId())
                + "\",\"out_refund_no\":\"R1\",\"refund_id\":\"50000001\",\"refund_status\":\"ABNORMAL\","
                + "\"amount\":{\"total\":4000,\"refund\":4000,\"payer_total\":4000,\"payer_refund\":4000}}";
        Map<String, String> n = signed(abnormal, Instant.now(), "REFUND.ABNORMAL", "refund");
        assertThat(post(n)).as("acknowledged, or WeChat sends it for a day").isEqualTo(200);
        assertThat(outcomes(p.getPaymentId())).containsExactly("NOT_APPLIED");
        assertThat(status(p.getPaymentId())).isEqualTo(PaymentStatus.PENDING);
        // The same event with its body changed after signing is refused before anything in it is read.
        Map<String, String> altered = new java.util.HashMap<>(n);
        altered.put("body", n.get("body").replace("REFUND.ABNORMAL", "REFUND.SUCCESS"));
        assertThat(post(altered)).isEqualTo(401);
    }

    private static boolean decryptsTo(String body, String outTradeNo) {
        try {
            var r = com.checkup.platform.events.Json.MAPPER.readTree(body).path("resource");
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, r.path("nonce").asText().getBytes(StandardCharsets.UTF_8)));
            c.updateAAD(r.path("associated_data").asText().getBytes(StandardCharsets.UTF_8));
            String plain = new String(c.doFinal(java.util.Base64.getDecoder().decode(r.path("ciphertext").asText())), StandardCharsets.UTF_8);
            return plain.contains("\"out_trade_no\":\"" + outTradeNo + "\"");
        } catch (Exception e) {
            return false;
        }
    }

    /** A TRANSACTION.SUCCESS notification as WeChat Pay builds it, signed with the platform key at {@code at}. */
    private static Map<String, String> signed(String transaction, Instant at) {
        return signed(transaction, at, "TRANSACTION.SUCCESS", "transaction");
    }

    private static Map<String, String> signed(String resource, Instant at, String eventType, String originalType) {
        String nonce = WeChatPayKeys.nonce(12);
        String body = "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"create_time\":\"2026-12-02T20:00:00+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"" + eventType + "\",\"summary\":\"支付成功\","
                + "\"resource\":{\"original_type\":\"" + originalType + "\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + WeChatPayKeys.encrypt(apiV3Key, originalType, nonce, resource) + "\",\"associated_data\":\"" + originalType + "\","
                + "\"nonce\":\"" + nonce + "\"}}";
        String ts = String.valueOf(at.getEpochSecond());
        String headerNonce = WeChatPayKeys.nonce(32);
        return Map.of("body", body, "Wechatpay-Serial", KEY_ID, "Wechatpay-Timestamp", ts, "Wechatpay-Nonce", headerNonce,
                "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048",
                "Wechatpay-Signature", WeChatPayKeys.sign(platform.getPrivate(), ts + "\n" + headerNonce + "\n" + body + "\n"));
    }

    private static int post(Map<String, String> h) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/api/payments/notify/WECHAT_PAY")).POST(HttpRequest.BodyPublishers.ofString(h.get("body")));
        h.forEach((k, v) -> {
            if (!k.equals("body")) {
                b.header(k, v);
            }
        });
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
