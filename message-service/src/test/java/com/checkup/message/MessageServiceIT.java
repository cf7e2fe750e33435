package com.checkup.message;

import static com.checkup.platform.embedded.Acting.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.campaign.EntitlementEvent;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.fulfillment.ReportEvent;
import com.checkup.contracts.message.MessageService;
import com.checkup.contracts.message.MessageView;
import com.checkup.message.app.Dispatcher;
import com.checkup.message.provider.SimulatedProvider;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.events.EventHeaders;
import com.checkup.platform.events.Json;
import com.checkup.platform.flags.FeatureFlags;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * message-service for real (own database, config center, RocketMQ) with its simulated providers; events sent the way
 * booking-service and fulfillment-service send them. Fast retries: 4 tries, 200 ms doubling.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class MessageServiceIT {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static ConfigurableApplicationContext service;
    private static DubboApps apps;
    private static MessageService ops;
    private static DefaultMQProducer producer;
    private static FeatureFlags flags;
    private static JdbcTemplate db;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        infra.mariaDb().createDatabase("message_it");
        infra.rocketMq().createTopic(Topics.BOOKING);
        infra.rocketMq().createTopic(Topics.REPORT);
        infra.rocketMq().createTopic(Topics.CAMPAIGN);
        service = new SpringApplicationBuilder(MessageServiceApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl("message_it"),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.rocketmq.client-interval=1s",
                "--checkup.message.poll-interval=100",
                "--checkup.message.retry.attempts=4", "--checkup.message.retry.first=200ms", "--checkup.message.retry.max=2s");
        db = service.getBean(JdbcTemplate.class);
        flags = service.getBean(FeatureFlags.class);
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        DubboApps.App client = apps.app("message-client", null);
        ReferenceConfig<MessageService> ref = client.refer(MessageService.class);
        client.start();
        ops = ref.get();
        producer = new DefaultMQProducer("message-it");
        producer.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        producer.setInstanceName("message-it");
        producer.start();
    }

    @AfterAll
    static void stop() {
        producer.shutdown();
        apps.close();
        service.close();
    }

    @Test
    void aConfirmedBookingIsAnnouncedOnceAndRemindedTheDayBeforeUnlessCancelled() throws Exception {
        String user = "u-" + UUID.randomUUID();
        String booking = "B-" + UUID.randomUUID();
        LocalDate exam = LocalDate.now(CHINA).plusDays(5);
        String eventId = sendBooking(BookingEvent.CONFIRMED, booking, "MA", user, exam, false, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(user) == 2);
        sendBooking(BookingEvent.CONFIRMED, booking, "MA", user, exam, false, eventId); // redelivered
        List<MessageView> mine = as("OPS", null, "ops1", () -> ops.messages(user));
        assertThat(mine).filteredOn(m -> m.getEventType().equals("booking.confirmed"))
                .extracting(MessageView::getChannel).containsExactlyInAnyOrder("SMS", "APP_PUSH");
        assertThat(mine).filteredOn(m -> m.getEventType().equals("booking.confirmed"))
                .allSatisfy(m -> assertThat(m.getBody()).contains(exam.toString()).contains("MA").doesNotContain("{"));
        MessageView reminder = mine.stream().filter(m -> m.getEventType().equals("booking.reminder")).findFirst().orElseThrow();
        assertThat(reminder.getStatus()).isEqualTo("PENDING");
        assertThat(Instant.parse(reminder.getSendAt())).isEqualTo(exam.minusDays(1).atTime(LocalTime.of(9, 0)).atZone(CHINA).toInstant());

        sendBooking(BookingEvent.CANCELLED, booking, "MA", user, exam, true, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(reminder.getMessageId()).equals("CANCELLED") && sent(user) == 3);
        assertThat(deliveries(user)).isEqualTo(3);
    }

    @Test
    void anEmployeeIsSentTheirEntitlementCodeOnce() throws Exception {
        String no = "E-" + UUID.randomUUID().toString().substring(0, 8);
        EntitlementEvent g = new EntitlementEvent();
        g.setEntitlementId("E" + UUID.randomUUID());
        g.setCompanyId("ACME");
        g.setEmployeeNo(no);
        g.setEmployeeName("张伟");
        g.setHospitalId("MA");
        g.setCode("7KQ2M9XTRB");
        g.setStartDate("2026-12-01");
        g.setEndDate("2026-12-20");
        String eventId = send(Topics.CAMPAIGN, EntitlementEvent.GRANTED, g.getEntitlementId(), g, null);
        String recipient = "employee:ACME:" + no;
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(recipient) == 1);
        send(Topics.CAMPAIGN, EntitlementEvent.GRANTED, g.getEntitlementId(), g, eventId);
        assertThat(as("TESTER", null, "tester1", () -> ops.messages(recipient))).singleElement().satisfies(m -> {
            assertThat(m.getChannel()).isEqualTo("SMS");
            // The code books a paid check-up: only the recipient's channel has it; listings (ops, testers) never do.
            assertThat(m.getBody()).doesNotContain("7KQ2M9XTRB").contains("******").contains("2026-12-20");
        });
        assertThat(as("OPS", null, "ops1", () -> ops.messages(recipient))).singleElement()
                .satisfies(m -> assertThat(m.getBody()).doesNotContain("7KQ2M9XTRB"));
        assertThat(db.queryForObject("SELECT body FROM simulated_delivery WHERE recipient = ?", String.class, recipient))
                .as("what the provider was given").contains("7KQ2M9XTRB");
    }

    @Test
    void aReportIsAnnouncedToTheExamineeOnce() throws Exception {
        String user = "u-" + UUID.randomUUID();
        String eventId = sendReport("B-" + UUID.randomUUID(), "MA", user, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(user) == 1);
        sendReport("ignored", "MA", user, eventId);
        List<MessageView> mine = as("TESTER", null, "tester1", () -> ops.messages(user));
        assertThat(mine).singleElement().satisfies(m -> {
            assertThat(m.getChannel()).isEqualTo("APP_PUSH");
            assertThat(m.getBody()).contains("report is ready");
        });
        assertThat(deliveries(user)).isEqualTo(1);
    }

    @Test
    void aProviderFailingThenRecoveringDeliversExactlyOnce() throws Exception {
        flags.set(SimulatedProvider.DOWN, "MF", "true");
        String user = "u-" + UUID.randomUUID();
        sendReport("B-" + UUID.randomUUID(), "MF", user, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(user) >= 2);
        flags.set(SimulatedProvider.DOWN, "MF", "false");
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(user) == 1);
        assertThat(deliveries(user)).isEqualTo(1);
        assertThat(attempts(user)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void spentRetriesMakeADeadLetterThatOpsReplay() throws Exception {
        flags.set(SimulatedProvider.DOWN, "MD", "true");
        String user = "u-" + UUID.randomUUID();
        sendReport("B-" + UUID.randomUUID(), "MD", user, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> as("OPS", null, "ops1", () -> ops.deadLetters()).stream()
                .anyMatch(m -> m.getRecipient().equals(user)));
        MessageView dead = as("OPS", null, "ops1", () -> ops.deadLetters()).stream().filter(m -> m.getRecipient().equals(user))
                .findFirst().orElseThrow();
        assertThat(dead.getAttempts()).isEqualTo(4);
        assertThat(dead.getLastError()).contains("provider is down");
        assertThat(BusinessErrors.codeOf(() -> as("CONSUMER", null, user, () -> ops.deadLetters()))).isEqualTo("FORBIDDEN");
        flags.set(SimulatedProvider.DOWN, "MD", "false");
        assertThat(BusinessErrors.codeOf(() -> as("TESTER", null, "tester1", () -> ops.replay(dead.getMessageId()))))
                .as("testers read, ops replay").isEqualTo("FORBIDDEN");
        assertThat(as("OPS", null, "ops1", () -> ops.replay(dead.getMessageId())).getStatus()).isEqualTo("PENDING");
        assertThat(BusinessErrors.codeOf(() -> as("OPS", null, "ops1", () -> ops.replay("M-none")))).isEqualTo("NOT_FOUND");
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(user) == 1);
        assertThat(BusinessErrors.codeOf(() -> as("OPS", null, "ops1", () -> ops.replay(dead.getMessageId())))).isEqualTo("CONFLICT");
        assertThat(deliveries(user)).isEqualTo(1);
    }

    @Test
    void nothingGoesOutInAHospitalsQuietHours() throws Exception {
        LocalTime now = LocalTime.now(CHINA);
        String window = now.minusHours(1).withSecond(0).withNano(0).toString() + "-" + now.plusHours(1).withSecond(0).withNano(0);
        flags.set(Dispatcher.QUIET_HOURS, "MQ", window);
        String user = "u-" + UUID.randomUUID();
        sendReport("B-" + UUID.randomUUID(), "MQ", user, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<MessageView> m = as("OPS", null, "ops1", () -> ops.messages(user));
            return m.size() == 1 && Instant.parse(m.get(0).getSendAt()).isAfter(Instant.now().plus(Duration.ofMinutes(30)));
        });
        assertThat(deliveries(user)).isZero();
        assertThat(attempts(user)).isZero();
    }

    private static int sent(String user) {
        return db.queryForObject("SELECT COUNT(*) FROM message WHERE recipient = ? AND status = 'SENT'", Integer.class, user);
    }

    private static int attempts(String user) {
        return db.queryForObject("SELECT COALESCE(SUM(attempts), 0) FROM message WHERE recipient = ?", Integer.class, user);
    }

    private static int deliveries(String user) {
        return db.queryForObject("SELECT COUNT(*) FROM simulated_delivery WHERE recipient = ?", Integer.class, user);
    }

    private static String status(String id) {
        return db.queryForObject("SELECT status FROM message WHERE id = ?", String.class, id);
    }

    private static String sendBooking(String type, String booking, String hospital, String user, LocalDate date,
                                      boolean paidCancel, String eventId) throws Exception {
        BookingEvent e = new BookingEvent();
        e.setBookingId(booking);
        e.setHospitalId(hospital);
        e.setConsumerId(user);
        e.setDate(date.toString());
        e.setPeriod("MORNING");
        e.setRefundRequired(paidCancel);
        e.setStatus(BookingEvent.CANCELLED.equals(type) ? BookingStatus.CANCELLED : BookingStatus.CONFIRMED);
        return send(Topics.BOOKING, type, booking, e, eventId);
    }

    private static String sendReport(String booking, String hospital, String user, String eventId) throws Exception {
        ReportEvent e = new ReportEvent();
        e.setReportId("R-" + UUID.randomUUID());
        e.setBookingId(booking);
        e.setHospitalId(hospital);
        e.setConsumerId(user);
        return send(Topics.REPORT, ReportEvent.READY, booking, e, eventId);
    }

    private static String send(String topic, String type, String key, Object payload, String eventId) throws Exception {
        String id = eventId == null ? UUID.randomUUID().toString() : eventId;
        Message m = new Message(topic, type, key, Json.MAPPER.writeValueAsBytes(payload));
        EventHeaders.stamp(m, EventHeaders.of(CallContext.newRoot(), id, type));
        producer.send(m);
        return id;
    }
}
