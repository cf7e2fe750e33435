package com.checkup.payment;

import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import com.checkup.platform.events.Json;
import com.checkup.contracts.context.ContextKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentService;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.contracts.payment.PaymentView;
import com.checkup.payment.channel.SimulatedChannel;
import com.checkup.payment.domain.CallbackSignature;
import com.checkup.payment.domain.ChannelNotification;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.ActingAsPlatform;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.dubbo.config.ReferenceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * payment-service on real ZooKeeper, MariaDB and RocketMQ. order-service is stood in for by a small Dubbo provider
 * in this JVM (the three-service flow is covered when booking-service lands).
 */
@ExtendWith({EmbeddedInfraExtension.class, ActingAsPlatform.class})
class PaymentServiceIT {
    private static PaymentServiceFixture f;
    private static ReferenceConfig<PaymentService> payments;
    private static JdbcTemplate db;
    private static String secret;
    /** A second channel's callback secret: a channel speaks only for its own payments. */
    private static final String OTHER_SECRET = "other-channel-secret-for-this-test-only";

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        f = new PaymentServiceFixture(infra, "payment_it", "--checkup.payment.simulated.duplicates=2",
                "--checkup.payment.secrets.OTHERPAY=" + OTHER_SECRET);
        payments = f.payments;
        db = f.db;
        secret = f.secret;
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    private static OrderView order(long cents, OrderStatus status) {
        return f.order(cents, status);
    }

    private static String code(Runnable r) {
        return PaymentServiceFixture.code(r);
    }

    private static int events(String type, String orderId) {
        return f.events(type, orderId);
    }

    private static PaymentStatus status(String paymentId) {
        return Acting.asPlatform(() -> payments.get().get(paymentId)).getStatus();
    }

    @Test
    void aConsumerPaysOnlyTheirOwnOrder() {
        OrderView o = order(49_900, OrderStatus.CREATED);
        o.setConsumerId("consumer1");
        String other;
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller("CONSUMER", null, "consumer2"))) {
            other = code(() -> payments.get().pay(o.getOrderId(), "SIMULATED"));
        }
        assertThat(other).as("another consumer's order looks like a missing one").isEqualTo("NOT_FOUND");
        PaymentView mine;
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller("CONSUMER", null, "consumer1"))) {
            mine = payments.get().pay(o.getOrderId(), "SIMULATED");
            assertThat(mine.getOrderId()).isEqualTo(o.getOrderId());
            assertThat(payments.get().get(mine.getPaymentId()).getPaymentId()).isEqualTo(mine.getPaymentId());
            assertThat(code(() -> payments.get().refund(mine.getPaymentId(), "I changed my mind")))
                    .as("refunds follow a cancel, never asked directly").isEqualTo("FORBIDDEN");
        }
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller("CONSUMER", null, "consumer2"))) {
            assertThat(code(() -> payments.get().get(mine.getPaymentId()))).as("another's payment").isEqualTo("NOT_FOUND");
        }
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller("DESK", "H001", "desk1"))) {
            assertThat(code(() -> payments.get().refund(mine.getPaymentId(), "x"))).isEqualTo("FORBIDDEN");
            assertThat(code(() -> payments.get().pay(o.getOrderId(), "SIMULATED"))).isEqualTo("FORBIDDEN");
        }
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller("OPS", null, "ops1"))) {
            // Ops may ask (here it is refused only because the payment has not succeeded yet, or is refunded already).
            assertThat(code(() -> payments.get().refund(mine.getPaymentId(), "x"))).isNotEqualTo("FORBIDDEN");
        }
    }

    @Test
    void theSimulatedChannelConfirmsAndDuplicatesChangeNothing() {
        OrderView o = order(59_900, OrderStatus.CREATED);
        PaymentView p = payments.get().pay(o.getOrderId(), "simulated");
        assertThat(p.getStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(p.getAmountCents()).isEqualTo(59_900);
        assertThat(payments.get().pay(o.getOrderId(), "SIMULATED").getPaymentId()).isEqualTo(p.getPaymentId());

        // The channel sends three copies of its signed callback.
        await().atMost(Duration.ofSeconds(20)).until(() -> db.queryForObject(
                "SELECT COUNT(*) FROM payment_callbacks WHERE payment_id = ?", Integer.class, p.getPaymentId()) == 3);
        assertThat(status(p.getPaymentId())).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(events("payment.succeeded", o.getOrderId())).isEqualTo(1);
        assertThat(db.queryForList("SELECT outcome FROM payment_callbacks WHERE payment_id = ? ORDER BY id",
                String.class, p.getPaymentId())).containsExactly("APPLIED", "REPLAY", "REPLAY");
    }

    @Test
    void tenConcurrentReplaysOfOneCallbackApplyOnce() throws Exception {
        OrderView o = order(12_300, OrderStatus.CREATED);
        // A real channel's callback (not the simulator): sign it ourselves, send it 10 times at once.
        PaymentView p = payments.get().pay(o.getOrderId(), "SIMULATED");
        String body = SimulatedChannel.body(new ChannelNotification(p.getPaymentId(), o.getOrderId(), 12_300,
                ChannelNotification.SUCCESS, "TXN-1"));
        String sig = CallbackSignature.sign(secret, body);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                return payments.get().callback("SIMULATED", body, sig);
            }));
        }
        go.countDown();
        for (Future<String> f : replies) {
            assertThat(f.get()).isEqualTo("OK");
        }
        pool.shutdown();
        assertThat(status(p.getPaymentId())).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(events("payment.succeeded", o.getOrderId())).isEqualTo(1);
    }

    @Test
    void forgedOrMismatchedCallbacksAreRejectedAndRecorded() {
        OrderView o = order(20_000, OrderStatus.CREATED);
        PaymentView p = payments.get().pay(o.getOrderId(), "SIMULATED");
        String body = SimulatedChannel.body(new ChannelNotification(p.getPaymentId(), o.getOrderId(), 20_000,
                ChannelNotification.SUCCESS, "TXN-F"));
        String good = CallbackSignature.sign(secret, body);
        // One character changed, always (a fixed prefix would equal the real signature once in 256 runs).
        String forged = (good.charAt(0) == '0' ? "1" : "0") + good.substring(1);
        assertThat(code(() -> payments.get().callback("SIMULATED", body, forged))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> payments.get().callback("SIMULATED", body, CallbackSignature.sign("guessed", body))))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> payments.get().callback("NO_SUCH_CHANNEL", body, CallbackSignature.sign(secret, body))))
                .as("unknown channel").isEqualTo("NOT_FOUND");
        assertThat(code(() -> payments.get().callback("X".repeat(33), body, CallbackSignature.sign(secret, body))))
                .as("channel name too long").isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> payments.get().callback("SIM\nULATED", body, CallbackSignature.sign(secret, body))))
                .as("channel name with a line break").isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> payments.get().callback("OTHERPAY", body, CallbackSignature.sign(OTHER_SECRET, body))))
                .as("another channel's valid signature for a SIMULATED payment").isEqualTo("VALIDATION_FAILED");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM payment_callbacks WHERE channel = 'OTHERPAY' AND outcome = 'MISMATCH'"
                + " AND payment_id = ?", Integer.class, p.getPaymentId())).isEqualTo(1);
        String cheaper = SimulatedChannel.body(new ChannelNotification(p.getPaymentId(), o.getOrderId(), 1,
                ChannelNotification.SUCCESS, "TXN-F"));
        assertThat(code(() -> payments.get().callback("SIMULATED", cheaper, CallbackSignature.sign(secret, cheaper))))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> payments.get().callback("SIMULATED", "not json", CallbackSignature.sign(secret, "not json"))))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(db.queryForObject("SELECT COUNT(*) FROM payment_callbacks WHERE outcome IN ('BAD_SIGNATURE','MISMATCH','MALFORMED')"
                + " AND (payment_id = ? OR payment_id IS NULL)", Integer.class, p.getPaymentId())).isGreaterThanOrEqualTo(5);
        // None of it moved money state (the simulator's own, genuine callback may have arrived meanwhile).
        assertThat(events("payment.succeeded", o.getOrderId())).isLessThanOrEqualTo(1);
    }

    @Test
    void aRefundCompletesWithTheChannelsCallbackOnce() {
        OrderView o = order(30_000, OrderStatus.CREATED);
        PaymentView p = payments.get().pay(o.getOrderId(), "SIMULATED");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(p.getPaymentId()) == PaymentStatus.SUCCEEDED);
        PaymentView asked = payments.get().refund(p.getPaymentId(), "booking cancelled");
        assertThat(asked.getStatus()).isIn(PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED);
        payments.get().refund(p.getPaymentId(), "asked twice");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(p.getPaymentId()) == PaymentStatus.REFUNDED);
        assertThat(events("payment.refunded", o.getOrderId())).isEqualTo(1);
        // Refunded: the order may be paid again by a new payment.
        f.orders.get(o.getOrderId()).setStatus(OrderStatus.CREATED);
        assertThat(payments.get().pay(o.getOrderId(), "SIMULATED").getPaymentId()).isNotEqualTo(p.getPaymentId());
    }

    @Test
    void anAppliedCallbackAnnouncesInThePaymentsTraceNotItsOwn() {
        // The consumer pays in the booking's trace (the id the gateway passes on with the call)...
        String bookingTrace = "booking-" + UUID.randomUUID();
        OrderView o = order(45_600, OrderStatus.CREATED);
        PaymentView p;
        try (var ignored = Callers.bindSystem("test", new CallContext(bookingTrace, null, null, null, null))) {
            p = payments.get().pay(o.getOrderId(), "SIMULATED");
        }
        assertThat(db.queryForObject("SELECT trace_id FROM payments WHERE id = ?", String.class, p.getPaymentId()))
                .isEqualTo(bookingTrace);
        // ...the channel's callback is a request of its own: another trace id, no caller (the gateway's open route).
        String callbackTrace = "callback-" + UUID.randomUUID();
        String body = SimulatedChannel.body(new ChannelNotification(p.getPaymentId(), o.getOrderId(), 45_600,
                ChannelNotification.SUCCESS, "TXN-T-" + UUID.randomUUID()));
        try (var ignored = CallContextHolder.bind(new CallContext(callbackTrace, null, null, null, null))) {
            assertThat(payments.get().callback("SIMULATED", body, CallbackSignature.sign(secret, body))).isEqualTo("OK");
        }
        // Applied (by this callback or by the simulator's own, whichever came first) in the payment's trace.
        assertThat(eventTraces("payment.succeeded", o.getOrderId())).as("trace of payment.succeeded")
                .containsExactly(bookingTrace);

        // A refund asked later in another trace (a cancel) completes with the simulator's callback (from its own timer
        // thread, in a trace of its own): payment.refunded is announced in the payment's trace too.
        try (var ignored = Callers.bindSystem("test", new CallContext("cancel-" + UUID.randomUUID(), null, null, null, null))) {
            payments.get().refund(p.getPaymentId(), "booking cancelled");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> status(p.getPaymentId()) == PaymentStatus.REFUNDED);
        assertThat(eventTraces("payment.refunded", o.getOrderId())).as("trace of payment.refunded")
                .containsExactly(bookingTrace);
    }

    @Test
    void aPaymentFromBeforeTracesWereKeptIsAppliedInTheCallbacksTrace() {
        // A row written before payments.trace_id existed (and no simulator callback on its way for it).
        OrderView o = order(7_700, OrderStatus.CREATED);
        String id = "P" + UUID.randomUUID().toString().replace("-", "");
        db.update("INSERT INTO payments (id, order_id, channel, amount_cents, status, live_order_id, created_at, updated_at)"
                + " VALUES (?, ?, 'SIMULATED', 7700, 'PENDING', ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))", id, o.getOrderId(),
                o.getOrderId());
        String callbackTrace = "callback-" + UUID.randomUUID();
        String body = SimulatedChannel.body(new ChannelNotification(id, o.getOrderId(), 7_700,
                ChannelNotification.SUCCESS, "TXN-OLD"));
        try (var ignored = CallContextHolder.bind(new CallContext(callbackTrace, null, null, null, null))) {
            assertThat(payments.get().callback("SIMULATED", body, CallbackSignature.sign(secret, body))).isEqualTo("OK");
        }
        assertThat(status(id)).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(eventTraces("payment.succeeded", o.getOrderId())).containsExactly(callbackTrace);
    }

    /** The trace id in the outbox header of each event of this type for the order. */
    private static List<String> eventTraces(String type, String orderId) {
        return db.queryForList("SELECT headers FROM outbox_event WHERE event_type = ? AND message_key = ? ORDER BY created_at",
                String.class, type, orderId).stream().map(h -> {
                    try {
                        return Json.MAPPER.readTree(h).path(ContextKeys.TRACE_ID).asText(null);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
    }

    @Test
    void badRequestsGetClearCodes() {
        OrderView paid = order(10_000, OrderStatus.PAID);
        assertThat(code(() -> payments.get().pay(paid.getOrderId(), "SIMULATED"))).isEqualTo("CONFLICT");
        assertThat(code(() -> payments.get().pay("O-unknown", "SIMULATED"))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> payments.get().pay(order(1, OrderStatus.CREATED).getOrderId(), "BITCOIN"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> payments.get().pay(" ", "SIMULATED"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> payments.get().refund("P-unknown", "x"))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> payments.get().callback("SIMULATED", "{}", null))).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void nobodyActsWithoutASignedCaller() {
        OrderView o = order(15_000, OrderStatus.CREATED);
        PaymentView p = payments.get().pay(o.getOrderId(), "SIMULATED");
        assertThat(code(() -> Acting.anonymously(() -> payments.get().pay(o.getOrderId(), "SIMULATED"))))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> Acting.anonymously(() -> payments.get().get(p.getPaymentId())))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> Acting.anonymously(() -> payments.get().refund(p.getPaymentId(), "x"))))
                .isEqualTo("UNAUTHENTICATED");
        // A caller whose assertion does not verify is no caller: plain attachments, as any process could send them.
        assertThat(code(() -> Acting.anonymously(() -> {
            org.apache.dubbo.rpc.RpcContext.getClientAttachment().setAttachment("checkup-persona", "SYSTEM");
            org.apache.dubbo.rpc.RpcContext.getClientAttachment().setAttachment("checkup-user", "booking-service");
            org.apache.dubbo.rpc.RpcContext.getClientAttachment().setAttachment("checkup-identity", "v1.9999999999.forged");
            return payments.get().refund(p.getPaymentId(), "x");
        }))).isEqualTo("UNAUTHENTICATED");
    }
}
