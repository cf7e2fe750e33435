package com.checkup.e2e;

import com.checkup.platform.embedded.BusinessErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentService;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.contracts.payment.PaymentView;
import com.checkup.localplatform.Platform;
import com.checkup.localplatform.PlatformConfig;
import com.checkup.localplatform.ServiceSpec;
import com.checkup.platform.embedded.DubboApps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.dubbo.config.ReferenceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The money path across real processes: local-platform starts ZooKeeper, RocketMQ, MariaDB and the packaged
 * order-service and payment-service jars, each its own JVM; this test talks to them over Dubbo only.
 * (Through the gateway's HTTP API once bff-gateway exists.)
 */
class BookingPaymentFlowIT {
    private static Platform platform;
    private static DubboApps client;
    private static ReferenceConfig<OrderService> orders;
    private static ReferenceConfig<PaymentService> payments;

    @BeforeAll
    static void up() throws Exception {
        Path root = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();
        PlatformConfig config = PlatformConfig.onFreePorts(root, Path.of("target", "e2e-platform").toAbsolutePath());
        assertThat(config.services()).extracting(ServiceSpec::name)
                .as("service jars (run `mvn verify`, which packages them first)")
                .contains("order-service", "payment-service");
        platform = new Platform(config, System.out);
        platform.start(true);
        client = new DubboApps(config.registryUrl());
        DubboApps.App app = client.app("e2e-client", null);
        orders = app.refer(OrderService.class);
        payments = app.refer(PaymentService.class);
        app.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                code(() -> orders.get().get("none")).equals("NOT_FOUND")
                        && code(() -> payments.get().get("none")).equals("NOT_FOUND"));
    }

    @AfterAll
    static void down() {
        if (client != null) {
            client.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private static String code(Runnable r) {
        return BusinessErrors.codeOf(r);
    }

    @Test
    void anOrderIsPaidThroughTheChannelAndRefunded() {
        OrderView order = orders.get().create(new CreateOrderRequest("B-" + UUID.randomUUID(), "consumer1", "H001",
                "P-BASIC", 59_900));
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CREATED);

        PaymentView payment = payments.get().pay(order.getOrderId(), "SIMULATED");
        assertThat(payment.getAmountCents()).isEqualTo(59_900);
        // simulated channel → signed callback → payment SUCCEEDED → payment.succeeded → order PAID
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.get().get(order.getOrderId()).getStatus() == OrderStatus.PAID);
        assertThat(payments.get().get(payment.getPaymentId()).getStatus()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(orders.get().get(order.getOrderId()).getPaymentId()).isEqualTo(payment.getPaymentId());
        assertThat(code(() -> payments.get().pay(order.getOrderId(), "SIMULATED"))).isEqualTo("CONFLICT");

        // refund asked → channel confirms → payment.refunded → order REFUNDED
        payments.get().refund(payment.getPaymentId(), "booking cancelled");
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.get().get(order.getOrderId()).getStatus() == OrderStatus.REFUNDED);
        assertThat(payments.get().get(payment.getPaymentId()).getStatus()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void anUnpaidOrderIsClosedAndCannotBePaidAnyMore() {
        OrderView order = orders.get().create(new CreateOrderRequest("B-" + UUID.randomUUID(), "consumer2", "H002",
                "P-CT", 129_900));
        assertThat(orders.get().close(order.getOrderId(), "HOLD_EXPIRED").getStatus()).isEqualTo(OrderStatus.CLOSED);
        assertThat(code(() -> payments.get().pay(order.getOrderId(), "SIMULATED"))).isEqualTo("CONFLICT");
    }
}
