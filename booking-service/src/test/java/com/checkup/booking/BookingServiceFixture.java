package com.checkup.booking;

import static org.awaitility.Awaitility.await;

import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.ResidentId;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.booking.persistence.CatalogueRepository;
import com.checkup.booking.persistence.CatalogueRepository.ExamItem;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.DeskService;
import com.checkup.contracts.booking.HospitalFeed;
import com.checkup.contracts.campaign.CampaignService;
import com.checkup.contracts.campaign.EntitlementService;
import com.checkup.contracts.booking.ExamineeInput;
import com.checkup.contracts.booking.HoldRequest;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentService;
import com.checkup.contracts.payment.PaymentView;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.events.EventHeaders;
import com.checkup.platform.events.Json;
import com.checkup.platform.privacy.FieldCipher;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * booking-service running for real (own database, ZooKeeper, RocketMQ), with order-service and payment-service
 * stood in for by small Dubbo providers the test controls, and a Dubbo client calling as a given consumer.
 */
final class BookingServiceFixture implements AutoCloseable {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    final OrdersStandIn orders = new OrdersStandIn();
    final PaymentsStandIn payments = new PaymentsStandIn();
    final ConfigurableApplicationContext service;
    final ReferenceConfig<BookingService> bookings;
    final ReferenceConfig<DeskService> desk;
    final ReferenceConfig<HospitalFeed> feed;
    final ReferenceConfig<CampaignService> campaigns;
    final ReferenceConfig<EntitlementService> entitlements;
    final ReferenceConfig<com.checkup.contracts.campaign.AgreementService> agreements;
    final JdbcTemplate db;
    private final DubboApps apps;
    private final DefaultMQProducer orderEvents;

    BookingServiceFixture(TestInfrastructure infra, String database, String... extraArgs) throws Exception {
        infra.mariaDb().createDatabase(database);
        for (String t : List.of(Topics.ORDER, Topics.BOOKING, Topics.BOOKING_TIMERS, Topics.REPORT, Topics.CAMPAIGN)) {
            infra.rocketMq().createTopic(t);
        }
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        apps.app("order-payment-standins-" + database, null)
                .provide(OrderService.class, orders).provide(PaymentService.class, payments).start();
        List<String> args = new ArrayList<>(List.of(
                "--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl(database),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.rocketmq.client-interval=1s",
                "--checkup.privacy.keys.k1=" + FieldCipher.newKey(),
                "--checkup.demo-data=true"));
        args.addAll(List.of(extraArgs));
        service = new SpringApplicationBuilder(BookingServiceApplication.class).run(args.toArray(String[]::new));
        db = service.getBean(JdbcTemplate.class);
        DubboApps.App client = apps.app("booking-client-" + database, null);
        bookings = client.refer(BookingService.class);
        // 200 callers at once on a 2-core machine queue for a while; the gateway's own timeout is the real bound.
        bookings.setTimeout(20_000);
        desk = client.refer(DeskService.class);
        feed = client.refer(HospitalFeed.class);
        campaigns = client.refer(CampaignService.class);
        agreements = client.refer(com.checkup.contracts.campaign.AgreementService.class);
        entitlements = client.refer(EntitlementService.class);
        client.start();
        orderEvents = new DefaultMQProducer("booking-it-orders-" + database);
        orderEvents.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        orderEvents.setInstanceName("booking-it-orders-" + database);
        orderEvents.start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> code(() -> as("probe", () -> bookings.get().get("none"))).equals("NOT_FOUND"));
    }

    /** Runs a call as a signed-in consumer (what the gateway puts in the call context). */
    static <T> T as(String consumer, Supplier<T> call) {
        return Acting.as("CONSUMER", null, consumer, call);
    }

    /** Runs a call as the desk of a hospital. */
    static <T> T asDesk(String hospital, Supplier<T> call) {
        return Acting.as("DESK", hospital, "desk." + hospital.toLowerCase(), call);
    }

    static String code(Runnable r) {
        return BusinessErrors.codeOf(r);
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    /** A valid resident ID number for a birth date (male). */
    static String idNumber(LocalDate birth) {
        String first17 = "320102" + birth.toString().replace("-", "") + "031";
        return first17 + ResidentId.checkChar(first17);
    }

    static HoldRequest request(String key, String hospital, String pkg, LocalDate date, Period period) {
        ExamineeInput e = new ExamineeInput();
        e.setName("李雷");
        e.setGender("MALE");
        e.setBirthDate("1988-04-12");
        e.setIdNumber(idNumber(LocalDate.of(1988, 4, 12)));
        e.setPhone("13912345678");
        HoldRequest r = new HoldRequest();
        r.setIdempotencyKey(key);
        r.setHospitalId(hospital);
        r.setPackageId(pkg);
        r.setDate(date.toString());
        r.setPeriod(period.name());
        r.setExaminee(e);
        return r;
    }

    static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    /**
     * A hospital of the test's own, with packages {@code <id>-GEN} (no limited resource) and {@code <id>-CT} (needs a
     * CT), so each test counts on capacity nobody else touches.
     */
    void hospital(String id) {
        CatalogueRepository catalogue = service.getBean(CatalogueRepository.class);
        catalogue.saveHospital(new Hospital(id, "Test hospital " + id, "Suzhou", CHINA, "HTTP_JSON"));
        catalogue.saveItem(new ExamItem("BLOOD", "Blood", Resources.GENERAL));
        catalogue.saveItem(new ExamItem("CT-CHEST", "Chest CT", "CT"));
        catalogue.savePackage(new CheckupPackage(id + "-GEN", id, "General", 30_000, "ANY", 18, 120, true, List.of()), List.of("BLOOD"));
        catalogue.savePackage(new CheckupPackage(id + "-CT", id, "With CT", 90_000, "ANY", 18, 120, true, List.of()),
                List.of("BLOOD", "CT-CHEST"));
    }

    /** Opens a slot: total places and, when ct > 0, a CT limit. */
    void open(String hospital, LocalDate date, Period period, int total, int ct) {
        CapacityCalendar calendar = service.getBean(CapacityCalendar.class);
        Slot s = new Slot(hospital, date, period);
        calendar.openIfAbsent(s, Resources.TOTAL, total);
        if (ct > 0) {
            calendar.openIfAbsent(s, "CT", ct);
        }
    }

    int used(String hospital, LocalDate date, Period period, String resource) {
        return db.queryForObject("SELECT used FROM capacity_slot WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                + " AND resource = ?", Integer.class, hospital, date, period.name(), resource);
    }

    int bookingsHolding(String hospital, LocalDate date, Period period, String packageLike) {
        return db.queryForObject("SELECT COUNT(*) FROM booking WHERE hospital_id = ? AND slot_date = ? AND period = ?"
                        + " AND package_id LIKE ? AND status IN ('HELD', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW')",
                Integer.class, hospital, date, period.name(), packageLike);
    }

    int events(String type, String bookingId) {
        return db.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE event_type = ? AND message_key = ?",
                Integer.class, type, bookingId);
    }

    /** What order-service does when a payment succeeds: the order becomes PAID and {@code order.paid} goes out. */
    String pay(String orderId) throws Exception {
        OrderView o = orders.markPaid(orderId);
        OrderEvent e = new OrderEvent();
        e.setOrderId(o.getOrderId());
        e.setBookingId(o.getBookingId());
        e.setConsumerId(o.getConsumerId());
        e.setHospitalId(o.getHospitalId());
        e.setAmountCents(o.getAmountCents());
        e.setStatus(OrderStatus.PAID);
        e.setPaymentId(o.getPaymentId());
        return sendOrderEvent(OrderEvent.PAID, e);
    }

    String sendOrderEvent(String type, OrderEvent e) throws Exception {
        String eventId = UUID.randomUUID().toString();
        Message m = new Message(Topics.ORDER, type, Json.MAPPER.writeValueAsBytes(e));
        EventHeaders.stamp(m, EventHeaders.of(CallContext.newRoot(), eventId, type));
        orderEvents.send(m);
        return eventId;
    }

    @Override
    public void close() {
        orderEvents.shutdown();
        apps.close();
        service.close();
    }

    /** order-service as far as booking-service uses it: idempotent create per booking, get, close (not when paid). */
    static final class OrdersStandIn implements OrderService {
        final Map<String, OrderView> byId = new ConcurrentHashMap<>();
        final Map<String, String> idByBooking = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public synchronized OrderView create(CreateOrderRequest r) {
            if (down) {
                throw new BusinessException(ErrorCode.UNAVAILABLE, "order-service stand-in is down");
            }
            String id = idByBooking.computeIfAbsent(r.getBookingId(), OrderService::orderIdOf);
            return byId.computeIfAbsent(id, k -> {
                OrderView o = new OrderView();
                o.setOrderId(k);
                o.setBookingId(r.getBookingId());
                o.setConsumerId(r.getConsumerId());
                o.setHospitalId(r.getHospitalId());
                o.setPackageId(r.getPackageId());
                o.setAmountCents(r.getAmountCents());
                o.setStatus(OrderStatus.CREATED);
                return o;
            });
        }

        @Override
        public OrderView get(String orderId) {
            OrderView o = byId.get(orderId);
            if (o == null) {
                throw new BusinessException(ErrorCode.NOT_FOUND, "No order " + orderId);
            }
            return o;
        }

        @Override
        public synchronized OrderView close(String orderId, String reason) {
            OrderView o = get(orderId);
            if (o.getStatus() == OrderStatus.CREATED) {
                o.setStatus(OrderStatus.CLOSED);
            } else if (o.getStatus() != OrderStatus.CLOSED) {
                throw new BusinessException(ErrorCode.CONFLICT, "Order " + orderId + " is " + o.getStatus());
            }
            return o;
        }

        synchronized OrderView markPaid(String orderId) {
            OrderView o = get(orderId);
            o.setStatus(OrderStatus.PAID);
            o.setPaymentId("P-" + orderId);
            return o;
        }

        @Override
        public OrderView fulfil(String orderId) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }
    }

    /** payment-service: records the refunds booking-service asks for. */
    static final class PaymentsStandIn implements PaymentService {
        final List<String> refunds = new CopyOnWriteArrayList<>();

        @Override
        public PaymentView refund(String paymentId, String reason) {
            // Recorded with who asked: booking-service itself, never the consumer whose cancel led to it.
            refunds.add(paymentId + " " + reason + " by " + CallContextHolder.current().map(c -> c.persona()).orElse("?"));
            PaymentView v = new PaymentView();
            v.setPaymentId(paymentId);
            return v;
        }

        @Override
        public PaymentView pay(String orderId, String channel) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }

        @Override
        public PaymentView get(String paymentId) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }

        @Override
        public String callback(String channel, String body, String signature) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }

        @Override
        public PaymentView payFrom(String orderId, String channel, String payerAddress) {
            return pay(orderId, channel);
        }

        @Override
        public String notification(String channel, String body, String serial, String signature, String timestamp,
                                   String nonce, String signatureType) {
            throw new BusinessException(ErrorCode.BAD_REQUEST, "not part of the stand-in");
        }
    }
}
