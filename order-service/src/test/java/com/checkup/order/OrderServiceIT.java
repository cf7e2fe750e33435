package com.checkup.order;

import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.embedded.contracts.OrderServiceContract;
import org.junit.jupiter.api.Nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentEvent;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.ActingAsPlatform;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.events.EventHeaders;
import com.checkup.platform.events.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** order-service as it runs: Spring Boot, Dubbo over ZooKeeper, MariaDB, RocketMQ — all real, on loopback. */
@ExtendWith({EmbeddedInfraExtension.class, ActingAsPlatform.class})
class OrderServiceIT {
    private static ConfigurableApplicationContext service;
    private static DubboApps clients;
    private static ReferenceConfig<OrderService> orders;
    private static DefaultMQProducer paymentChannel;
    private static DefaultMQPushConsumer orderTopicWatcher;
    /** "type orderId" of every order event seen on the topic. */
    private static final List<String> orderEvents = new CopyOnWriteArrayList<>();
    private static JdbcTemplate db;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        infra.mariaDb().createDatabase("order_it");
        infra.rocketMq().createTopic(Topics.ORDER);
        infra.rocketMq().createTopic(Topics.PAYMENT);
        service = new SpringApplicationBuilder(OrderServiceApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl("order_it"),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.rocketmq.client-interval=1s");
        db = service.getBean(JdbcTemplate.class);

        clients = new DubboApps(infra.zooKeeper().dubboUrl());
        DubboApps.App client = clients.app("order-it-client", null);
        orders = client.refer(OrderService.class);
        client.start();

        paymentChannel = new DefaultMQProducer("order-it-payments");
        paymentChannel.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        paymentChannel.setInstanceName("order-it-payments");
        paymentChannel.start();

        orderTopicWatcher = new DefaultMQPushConsumer("order-it-watcher");
        orderTopicWatcher.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        orderTopicWatcher.setInstanceName("order-it-watcher");
        orderTopicWatcher.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        orderTopicWatcher.subscribe(Topics.ORDER, "*");
        orderTopicWatcher.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> orderEvents.add(m.getTags() + " " + Json.MAPPER.convertValue(
                    readTree(m.getBody()), java.util.Map.class).get("orderId")));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        orderTopicWatcher.start();
        // Reachable once the provider answers with its own error rather than "no provider": a call without a caller
        // is refused by order-service itself.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> errorCode(() -> Acting.anonymously(() -> orders.get().get("none"))).equals("UNAUTHENTICATED"));
    }

    private static Object readTree(byte[] body) {
        try {
            return Json.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (orderTopicWatcher != null) {
            orderTopicWatcher.shutdown();
        }
        if (paymentChannel != null) {
            paymentChannel.shutdown();
        }
        if (clients != null) {
            clients.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private static CreateOrderRequest request(String booking, long cents) {
        return new CreateOrderRequest(booking, "consumer1", "H001", "P-BASIC", cents);
    }


    /** Sends a payment event the way payment-service does (event id in the headers), returns the event id. */
    private static String sendPayment(String type, String eventId, PaymentEvent p) throws Exception {
        Message m = new Message(Topics.PAYMENT, type, Json.MAPPER.writeValueAsBytes(p));
        EventHeaders.stamp(m, EventHeaders.of(CallContext.newRoot(), eventId, type));
        paymentChannel.send(m);
        return eventId;
    }

    private static int outboxCount(String type, String orderId) {
        return db.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE event_type = ? AND message_key = ?",
                Integer.class, type, orderId);
    }

    private static int processed(String... eventIds) {
        int n = 0;
        for (String id : eventIds) {
            n += db.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class, id);
        }
        return n;
    }

    private static String errorCode(Runnable r) {
        return BusinessErrors.codeOf(r);
    }

    @Test
    void createIsIdempotentPerBookingAndAnnouncedOnce() {
        String booking = "B-" + UUID.randomUUID();
        OrderView first = orders.get().create(request(booking, 59_900));
        OrderView again = orders.get().create(request(booking, 59_900));
        assertThat(again.getOrderId()).isEqualTo(first.getOrderId());
        assertThat(first.getStatus()).isEqualTo(OrderStatus.CREATED);
        assertThat(first.getAmountCents()).isEqualTo(59_900);
        assertThat(errorCode(() -> orders.get().create(request(booking, 10_000)))).isEqualTo("IDEMPOTENCY_CONFLICT");

        assertThat(outboxCount("order.created", first.getOrderId())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> orderEvents.contains("order.created " + first.getOrderId()));
    }

    @Test
    void severalOrdersAreCreatedInOneCallAllOrNothing() {
        String a = "B-" + UUID.randomUUID();
        String b = "B-" + UUID.randomUUID();
        List<OrderView> created = orders.get().createAll(List.of(request(a, 59_900), request(b, 30_000)));
        assertThat(created).extracting(OrderView::getOrderId).containsExactly("O" + a, "O" + b);
        assertThat(created).extracting(OrderView::getAmountCents).containsExactly(59_900L, 30_000L);
        assertThat(outboxCount("order.created", "O" + b)).isEqualTo(1);
        // A repeat inside a batch answers the existing order, as create does.
        assertThat(orders.get().createAll(List.of(request(a, 59_900))).get(0).getOrderId()).isEqualTo("O" + a);

        // One refused request refuses the batch: nothing of it is written.
        String c = "B-" + UUID.randomUUID();
        assertThat(errorCode(() -> orders.get().createAll(List.of(request(c, 10_000), request(a, 1)))))
                .isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(errorCode(() -> orders.get().get("O" + c))).isEqualTo("NOT_FOUND");
        assertThat(outboxCount("order.created", "O" + c)).isZero();
        assertThat(errorCode(() -> orders.get().createAll(List.of()))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aPaymentMakesTheOrderPaidOnceWhateverIsRedelivered() throws Exception {
        OrderView o = orders.get().create(request("B-" + UUID.randomUUID(), 39_900));
        PaymentEvent paid = new PaymentEvent("PAY-" + UUID.randomUUID(), o.getOrderId(), 39_900, "SIMULATED");
        String e1 = UUID.randomUUID().toString();
        sendPayment(PaymentEvent.SUCCEEDED, e1, paid);
        sendPayment(PaymentEvent.SUCCEEDED, e1, paid);            // the same event delivered again
        String e2 = sendPayment(PaymentEvent.SUCCEEDED, UUID.randomUUID().toString(), paid); // the same payment re-announced

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(e1, e2) == 2);
        OrderView now = orders.get().get(o.getOrderId());
        assertThat(now.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(now.getPaymentId()).isEqualTo(paid.getPaymentId());
        assertThat(outboxCount("order.paid", o.getOrderId())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> orderEvents.contains("order.paid " + o.getOrderId()));

        // Paid: no longer closable; the refund event moves it to REFUNDED, once.
        assertThat(errorCode(() -> orders.get().close(o.getOrderId(), "CANCELLED"))).isEqualTo("CONFLICT");
        String r1 = sendPayment(PaymentEvent.REFUNDED, UUID.randomUUID().toString(), paid);
        String r2 = sendPayment(PaymentEvent.REFUNDED, UUID.randomUUID().toString(), paid);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(r1, r2) == 2);
        assertThat(orders.get().get(o.getOrderId()).getStatus()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(outboxCount("order.refunded", o.getOrderId())).isEqualTo(1);
    }

    @Test
    void aPaymentOfAnotherAmountOrForNoOrderChangesNothingAndIsNotRetriedForever() throws Exception {
        OrderView o = orders.get().create(request("B-" + UUID.randomUUID(), 50_000));
        String wrong = sendPayment(PaymentEvent.SUCCEEDED, UUID.randomUUID().toString(),
                new PaymentEvent("PAY-X", o.getOrderId(), 1, "SIMULATED"));
        String ghost = sendPayment(PaymentEvent.SUCCEEDED, UUID.randomUUID().toString(),
                new PaymentEvent("PAY-Y", "O-does-not-exist", 1, "SIMULATED"));
        // A refund for an order that was never paid cannot apply either.
        String strayRefund = sendPayment(PaymentEvent.REFUNDED, UUID.randomUUID().toString(),
                new PaymentEvent("PAY-Z", o.getOrderId(), 50_000, "SIMULATED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(wrong, ghost, strayRefund) == 3);
        assertThat(outboxCount("order.refunded", o.getOrderId())).isZero();
        assertThat(orders.get().get(o.getOrderId()).getStatus()).isEqualTo(OrderStatus.CREATED);
    }

    @Test
    void onlyThePlatformActsOnOrders() {
        OrderView o = orders.get().create(request("B-" + UUID.randomUUID(), 20_000));
        assertThat(errorCode(() -> Acting.anonymously(() -> orders.get().create(request("B-" + UUID.randomUUID(), 1)))))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(errorCode(() -> Acting.anonymously(() -> orders.get().close(o.getOrderId(), "x")))).isEqualTo("UNAUTHENTICATED");
        assertThat(errorCode(() -> Acting.anonymously(() -> orders.get().fulfil(o.getOrderId())))).isEqualTo("UNAUTHENTICATED");
        assertThat(errorCode(() -> Acting.anonymously(() -> orders.get().createAll(List.of(request("B-x", 1))))))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(errorCode(() -> Acting.as("CONSUMER", null, "consumer1", () -> orders.get().get(o.getOrderId()))))
                .isEqualTo("FORBIDDEN");
        assertThat(errorCode(() -> Acting.as("CONSUMER", null, "consumer1", () -> orders.get().close(o.getOrderId(), "x"))))
                .isEqualTo("FORBIDDEN");
        assertThat(Acting.as("OPS", null, "ops1", () -> orders.get().get(o.getOrderId())).getStatus())
                .isEqualTo(OrderStatus.CREATED);
        assertThat(errorCode(() -> Acting.as("OPS", null, "ops1", () -> orders.get().close(o.getOrderId(), "x"))))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void closeAndTheStateMachineGuardTheOrder() {
        OrderView o = orders.get().create(request("B-" + UUID.randomUUID(), 20_000));
        assertThat(errorCode(() -> orders.get().fulfil(o.getOrderId()))).isEqualTo("CONFLICT");
        assertThat(orders.get().close(o.getOrderId(), "HOLD_EXPIRED").getStatus()).isEqualTo(OrderStatus.CLOSED);
        assertThat(orders.get().close(o.getOrderId(), "HOLD_EXPIRED").getStatus()).isEqualTo(OrderStatus.CLOSED);
        assertThat(outboxCount("order.closed", o.getOrderId())).isEqualTo(1);

        assertThat(errorCode(() -> orders.get().get("O-missing"))).isEqualTo("NOT_FOUND");
        assertThat(errorCode(() -> orders.get().create(request(" ", 100)))).isEqualTo("VALIDATION_FAILED");
        assertThat(errorCode(() -> orders.get().create(request("B-neg", -1)))).isEqualTo("VALIDATION_FAILED");
        assertThat(errorCode(() -> orders.get().create(null))).isEqualTo("VALIDATION_FAILED");
        assertThat(errorCode(() -> orders.get().get(null))).isEqualTo("VALIDATION_FAILED");
        assertThat(errorCode(() -> orders.get().close(o.getOrderId(), "r".repeat(200)))).isEqualTo("VALIDATION_FAILED");
    }

    /** The cases every stand-in of order-service must pass too (booking-service runs them against its stand-in). */
    @Nested
    class Contract extends OrderServiceContract {
        @Override
        protected OrderService orders() {
            return orders.get();
        }

        @Override
        protected void pay(OrderView order) throws Exception {
            sendPayment(PaymentEvent.SUCCEEDED, UUID.randomUUID().toString(),
                    new PaymentEvent("PAY-" + UUID.randomUUID(), order.getOrderId(), order.getAmountCents(), "SIMULATED"));
            // The poller runs on Awaitility's thread: it calls as the platform explicitly.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Acting.asPlatform(() -> orders.get().get(order.getOrderId())).getStatus() == OrderStatus.PAID);
        }
    }
}
