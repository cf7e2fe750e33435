package com.checkup.payment;

import static org.awaitility.Awaitility.await;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentService;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.events.EventHeaders;
import com.checkup.platform.events.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * payment-service running for real (own database), with order-service stood in for by a small Dubbo provider that
 * answers {@code get} from a map the test controls, and a Dubbo client.
 */
final class PaymentServiceFixture implements AutoCloseable {
    final String secret = "it-secret-" + UUID.randomUUID();
    final Map<String, OrderView> orders = new ConcurrentHashMap<>();
    final ConfigurableApplicationContext service;
    final ReferenceConfig<PaymentService> payments;
    final JdbcTemplate db;
    private final DubboApps apps;
    /** Sends order events as order-service does. */
    private final DefaultMQProducer orderService;

    PaymentServiceFixture(TestInfrastructure infra, String database, String... extraArgs) throws Exception {
        infra.mariaDb().createDatabase(database);
        infra.rocketMq().createTopic(Topics.PAYMENT);
        infra.rocketMq().createTopic(Topics.ORDER);
        orderService = new DefaultMQProducer("payment-it-orders-" + database);
        orderService.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        orderService.setInstanceName("payment-it-orders-" + database);
        orderService.start();
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        apps.app("order-service-standin-" + database, null).provide(OrderService.class, new OrdersStandIn(orders)).start();
        List<String> args = new ArrayList<>(List.of(
                "--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl(database),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.payment.simulated.enabled=true",
                "--checkup.payment.secrets.SIMULATED=" + secret,
                "--checkup.payment.simulated.delay=300ms"));
        args.addAll(List.of(extraArgs));
        service = new SpringApplicationBuilder(PaymentServiceApplication.class).run(args.toArray(String[]::new));
        db = service.getBean(JdbcTemplate.class);
        DubboApps.App client = apps.app("payment-client-" + database, null);
        payments = client.refer(PaymentService.class);
        payments.setTimeout(15_000); // pay waits on the channel's answer (WeChat Pay: up to its read timeout)
        client.start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> code(() -> Acting.anonymously(() -> payments.get().get("none"))).equals("UNAUTHENTICATED"));
    }

    OrderView order(long cents, OrderStatus status) {
        OrderView o = new OrderView();
        o.setOrderId("O-" + UUID.randomUUID());
        o.setAmountCents(cents);
        o.setStatus(status);
        orders.put(o.getOrderId(), o);
        return o;
    }

    /** order-service closes the order (unpaid) and says so: order.closed, event id in the headers. */
    void orderClosed(OrderView o) throws Exception {
        o.setStatus(OrderStatus.CLOSED);
        OrderEvent e = new OrderEvent();
        e.setOrderId(o.getOrderId());
        e.setStatus(OrderStatus.CLOSED);
        e.setReason("HOLD_EXPIRED");
        Message m = new Message(Topics.ORDER, OrderEvent.CLOSED, Json.MAPPER.writeValueAsBytes(e));
        EventHeaders.stamp(m, EventHeaders.of(CallContext.newRoot(), UUID.randomUUID().toString(), OrderEvent.CLOSED));
        orderService.send(m);
    }

    int events(String type, String orderId) {
        return db.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE event_type = ? AND message_key = ?",
                Integer.class, type, orderId);
    }

    static String code(Runnable r) {
        return BusinessErrors.codeOf(r);
    }

    @Override
    public void close() {
        orderService.shutdown();
        apps.close();
        service.close();
    }

    /** order-service's {@code get}, from the map; the other operations are not used by payment-service. */
    static final class OrdersStandIn implements OrderService {
        private final Map<String, OrderView> orders;

        OrdersStandIn(Map<String, OrderView> orders) {
            this.orders = orders;
        }

        @Override
        public OrderView get(String orderId) {
            OrderView o = orders.get(orderId);
            if (o == null) {
                throw new BusinessException(ErrorCode.NOT_FOUND, "No order " + orderId);
            }
            return o;
        }

        @Override
        public OrderView create(CreateOrderRequest request) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }

        @Override
        public OrderView close(String orderId, String reason) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }

        @Override
        public OrderView fulfil(String orderId) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }
    }
}
