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
import com.checkup.localplatform.PlatformConfig;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.ActingAsPlatform;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.ExamineeInput;
import com.checkup.contracts.booking.HoldRequest;
import com.checkup.platform.configcenter.ConfigCenter;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.flags.FeatureFlags;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.apache.dubbo.rpc.model.ApplicationModel;
import java.time.Duration;
import java.util.UUID;
import org.apache.dubbo.config.ReferenceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer booking flow across real processes: local-platform starts ZooKeeper, RocketMQ, MariaDB and the
 * packaged booking-service, order-service and payment-service jars (each its own JVM, with demo data); this test
 * talks to them over Dubbo, to check states the HTTP API does not show (orders, payments). The HTTP flow is in
 * {@link GatewayIT}.
 */
@ExtendWith({E2ePlatform.class, ActingAsPlatform.class})
class ConsumerBookingFlowIT {
    private static DubboApps client;
    private static ReferenceConfig<OrderService> orders;
    private static ReferenceConfig<PaymentService> payments;
    private static ReferenceConfig<BookingService> bookings;
    private static FeatureFlags flags;

    @BeforeAll
    static void up() throws Exception {
        PlatformConfig config = E2ePlatform.config();
        client = new DubboApps(config.registryUrl());
        DubboApps.App app = client.app("e2e-client", null);
        orders = app.refer(OrderService.class);
        payments = app.refer(PaymentService.class);
        bookings = app.refer(BookingService.class);
        // The gateway gives hold, cancel and pay 10 s (routes.json); so does this client. Dubbo's default 1 s
        // failed a CI run on the first WeChat Pay call (a cold JVM signing with RSA and calling the simulator).
        payments.setTimeout(10_000);
        bookings.setTimeout(10_000);
        app.start();
        flags = new FeatureFlags(ConfigCenter.connect(ApplicationModel.defaultModel(), config.registryUrl()));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                code(() -> Acting.asPlatform(() -> orders.get().get("none"))).equals("NOT_FOUND")
                        && code(() -> Acting.asPlatform(() -> payments.get().get("none"))).equals("NOT_FOUND")
                        && code(() -> as("probe", () -> bookings.get().get("none"))).equals("NOT_FOUND"));
    }

    @AfterAll
    static void down() {
        if (client != null) {
            client.close();
        }
    }

    private static String code(Runnable r) {
        return BusinessErrors.codeOf(r);
    }

    /** A call as a signed-in consumer: the identity the gateway puts in the call context. */
    private static <T> T as(String consumer, Supplier<T> call) {
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller("CONSUMER", null, consumer))) {
            return call.get();
        }
    }

    private static HoldRequest holdRequest(String hospital, String pkg, LocalDate day, String period) {
        ExamineeInput e = new ExamineeInput();
        e.setName("韩梅梅");
        e.setGender("FEMALE");
        // The example number of the ID standard (GB 11643-1999): valid checksum, female, born 1949-12-31.
        e.setBirthDate("1949-12-31");
        e.setIdNumber("11010519491231002X");
        e.setPhone("13700001111");
        HoldRequest r = new HoldRequest();
        r.setIdempotencyKey("e2e-" + UUID.randomUUID());
        r.setHospitalId(hospital);
        r.setPackageId(pkg);
        r.setDate(day.toString());
        r.setPeriod(period);
        r.setExaminee(e);
        return r;
    }

    private static int remaining(String hospital, String pkg, LocalDate day, String period) {
        return bookings.get().availability(hospital, pkg, day.toString(), day.toString()).stream()
                .filter(a -> a.getPeriod().equals(period)).findFirst().orElseThrow().getRemaining();
    }

    /** Steers the WeChat Pay simulator (its control API; fields left out stay as they are). */
    private static void wechatPay(String behaviour) {
        assertThat(Http.status("PUT", E2ePlatform.config().weChatPayUrl() + "/control/wechatpay", behaviour)).isEqualTo(204);
    }

    private static String tradeState(String outTradeNo) {
        return Http.getJson(E2ePlatform.config().weChatPayUrl() + "/control/wechatpay").at("/orders/" + outTradeNo).asText();
    }

    private static BookingStatus status(String consumer, String bookingId) {
        return as(consumer, () -> bookings.get().get(bookingId)).getStatus();
    }

    @Test
    void aBookingIsHeldPaidConfirmedThenCancelledAndRefunded() {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7);
        int before = remaining("H001", "H001-CT", day, "MORNING");
        HoldRequest request = holdRequest("H001", "H001-CT", day, "MORNING");
        BookingView held = as("consumer1", () -> bookings.get().hold(request));
        assertThat(held.getStatus()).isEqualTo(BookingStatus.HELD);
        assertThat(held.getAmountCents()).isEqualTo(129_900);
        assertThat(as("consumer1", () -> bookings.get().hold(request)).getBookingId()).as("same Idempotency-Key")
                .isEqualTo(held.getBookingId());
        assertThat(remaining("H001", "H001-CT", day, "MORNING")).isEqualTo(before - 1);
        OrderView order = orders.get().get(held.getOrderId());
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CREATED);
        assertThat(order.getAmountCents()).isEqualTo(129_900);

        // pay with WeChat Pay (the simulator) → its signed notification through the gateway → payment.succeeded →
        // order PAID → order.paid → CONFIRMED
        PaymentView payment = payments.get().pay(held.getOrderId(), "WECHAT_PAY");
        assertThat(payment.getPayUrl()).isNotBlank();
        await().atMost(Duration.ofSeconds(60)).until(() -> status("consumer1", held.getBookingId()) == BookingStatus.CONFIRMED);
        assertThat(orders.get().get(held.getOrderId()).getStatus()).isEqualTo(OrderStatus.PAID);

        // cancel → place back → booking.cancelled → refund asked → channel confirms → order REFUNDED
        assertThat(as("consumer1", () -> bookings.get().cancel(held.getBookingId(), "plans changed")).getStatus())
                .isEqualTo(BookingStatus.CANCELLED);
        assertThat(remaining("H001", "H001-CT", day, "MORNING")).isEqualTo(before);
        await().atMost(Duration.ofSeconds(60)).until(() -> Acting.asPlatform(() -> orders.get().get(held.getOrderId())).getStatus() == OrderStatus.REFUNDED);
        assertThat(payments.get().get(payment.getPaymentId()).getStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(code(() -> as("consumer2", () -> bookings.get().get(held.getBookingId())))).isEqualTo("NOT_FOUND");
    }

    @Test
    void anUnpaidHoldExpiresItsOrderIsClosedAndThePlaceComesBack() {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(9);
        // Long enough for the WeChat Pay prepay below to come first, even the run's first one in a cold JVM.
        flags.set(BookingFlags.HOLD_EXPIRY, "H002", "PT10S");
        boolean autoPay = true;
        try {
            int before = remaining("H002", "H002-BASIC", day, "AFTERNOON");
            // The flag reaches booking-service through the config center within moments; until then a hold gets
            // the default expiry and is cancelled again.
            BookingView[] held = new BookingView[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                BookingView b = as("consumer2", () -> bookings.get().hold(holdRequest("H002", "H002-BASIC", day, "AFTERNOON")));
                if (Instant.parse(b.getHoldExpiresAt()).isBefore(Instant.now().plusSeconds(60))) {
                    held[0] = b;
                    return true;
                }
                as("consumer2", () -> bookings.get().cancel(b.getBookingId(), "flag not applied yet"));
                return false;
            });
            // The payer opens WeChat Pay's page but does not pay before the hold expires.
            autoPay = Http.getJson(E2ePlatform.config().weChatPayUrl() + "/control/wechatpay").at("/behaviour/autoPay").asBoolean();
            wechatPay("{\"autoPay\":false}");
            PaymentView payment = as("consumer2", () -> payments.get().pay(held[0].getOrderId(), "WECHAT_PAY"));
            String trade = payment.getPaymentId().substring(1);
            assertThat(tradeState(trade)).isEqualTo("NOTPAY");

            await().atMost(Duration.ofSeconds(60)).until(() -> status("consumer2", held[0].getBookingId()) == BookingStatus.EXPIRED);
            assertThat(orders.get().get(held[0].getOrderId()).getStatus()).isEqualTo(OrderStatus.CLOSED);
            assertThat(code(() -> payments.get().pay(held[0].getOrderId(), "SIMULATED"))).isEqualTo("CONFLICT");
            assertThat(remaining("H002", "H002-BASIC", day, "AFTERNOON")).isEqualTo(before);
            // order.closed → payment-service closes the trade at WeChat Pay: the payer can no longer pay it.
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Acting.asPlatform(() -> payments.get().get(payment.getPaymentId())).getStatus() == PaymentStatus.CLOSED);
            assertThat(tradeState(trade)).isEqualTo("CLOSED");
            assertThat(Http.status("POST", E2ePlatform.config().weChatPayUrl() + "/control/wechatpay/orders/" + trade + "/pay",
                    null)).as("the payer cannot pay it").isEqualTo(409);
        } finally {
            wechatPay("{\"autoPay\":" + autoPay + "}");
            flags.clear(BookingFlags.HOLD_EXPIRY, "H002");
        }
    }

    @Test
    void anOrderIsPaidThroughTheChannelAndRefunded() {
        OrderView order = orders.get().create(new CreateOrderRequest("B-" + UUID.randomUUID(), "consumer1", "H001",
                "P-BASIC", 59_900));
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CREATED);

        PaymentView payment = payments.get().pay(order.getOrderId(), "SIMULATED");
        assertThat(payment.getAmountCents()).isEqualTo(59_900);
        // simulated channel → signed callback → payment SUCCEEDED → payment.succeeded → order PAID
        await().atMost(Duration.ofSeconds(60)).until(() -> Acting.asPlatform(() -> orders.get().get(order.getOrderId())).getStatus() == OrderStatus.PAID);
        assertThat(payments.get().get(payment.getPaymentId()).getStatus()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(orders.get().get(order.getOrderId()).getPaymentId()).isEqualTo(payment.getPaymentId());
        assertThat(code(() -> payments.get().pay(order.getOrderId(), "SIMULATED"))).isEqualTo("CONFLICT");

        // refund asked → channel confirms → payment.refunded → order REFUNDED
        payments.get().refund(payment.getPaymentId(), "booking cancelled");
        await().atMost(Duration.ofSeconds(60)).until(() -> Acting.asPlatform(() -> orders.get().get(order.getOrderId())).getStatus() == OrderStatus.REFUNDED);
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
