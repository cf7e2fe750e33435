package com.checkup.message;

import static com.checkup.platform.embedded.Acting.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.campaign.EntitlementEvent;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.fulfillment.ReportEvent;
import com.checkup.contracts.message.MessagePage;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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
                // simulated where switched on explicitly: nothing leaves the test
                "--checkup.message.providers.sms=simulated", "--checkup.message.providers.email=simulated",
                "--checkup.message.providers.app-push=simulated",
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
        List<MessageView> mine = as("OPS", null, "ops1", () -> messages(user));
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
        assertThat(as("TESTER", null, "tester1", () -> messages(recipient))).singleElement().satisfies(m -> {
            assertThat(m.getChannel()).isEqualTo("SMS");
            // The code books a paid check-up: only the recipient's channel has it; listings (ops, testers) never do.
            assertThat(m.getBody()).doesNotContain("7KQ2M9XTRB").contains("******").contains("2026-12-20");
        });
        assertThat(as("OPS", null, "ops1", () -> messages(recipient))).singleElement()
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
        List<MessageView> mine = as("TESTER", null, "tester1", () -> messages(user));
        assertThat(mine).singleElement().satisfies(m -> {
            assertThat(m.getChannel()).isEqualTo("APP_PUSH");
            assertThat(m.getBody()).contains("report is ready");
            // the provider's report, where the status is
            assertThat(m.getOutcome()).isEqualTo("ACCEPTED");
            assertThat(m.getProvider()).isEqualTo("simulated");
            assertThat(m.getProviderRef()).isEqualTo(m.getMessageId());
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
        await().atMost(Duration.ofSeconds(30)).until(() -> as("OPS", null, "ops1", () -> deadLetters("MD")).stream()
                .anyMatch(m -> m.getRecipient().equals(user)));
        MessageView dead = as("OPS", null, "ops1", () -> deadLetters("MD")).stream().filter(m -> m.getRecipient().equals(user))
                .findFirst().orElseThrow();
        assertThat(dead.getAttempts()).isEqualTo(4);
        assertThat(dead.getLastError()).contains("provider is down");
        assertThat(dead.getOutcome()).isEqualTo("FAILED");
        assertThat(dead.getProvider()).isEqualTo("simulated");
        assertThat(BusinessErrors.codeOf(() -> as("CONSUMER", null, user, () -> deadLetters("MD")))).isEqualTo("FORBIDDEN");
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
            List<MessageView> m = as("OPS", null, "ops1", () -> messages(user));
            return m.size() == 1 && Instant.parse(m.get(0).getSendAt()).isAfter(Instant.now().plus(Duration.ofMinutes(30)));
        });
        assertThat(deliveries(user)).isZero();
        assertThat(attempts(user)).isZero();
    }

    @Test
    void deadLettersAreNewestFirstAndACursorWalksThemWithoutGapsOrRepeats() {
        List<Seeded> seeded = seed("DP1", "u-" + UUID.randomUUID(), 90, List.of("DEAD", "SENT", "DEAD", "CANCELLED", "DEAD"), true);
        List<Seeded> other = seed("DP2", "u-" + UUID.randomUUID(), 10, List.of("DEAD"), true);
        List<String> expected = newestFirst(seeded.stream().filter(m -> m.status().equals("DEAD")));
        assertThat(expected).hasSizeGreaterThan(50);

        // Default page: the 50 that gave up last, and a cursor for more. Ordered by when they gave up, not created.
        MessagePage first = as("OPS", null, "ops1", () -> ops.deadLetters("DP1", null, null, null));
        assertThat(first.getItems()).extracting(MessageView::getMessageId).containsExactlyElementsOf(expected.subList(0, 50));
        assertThat(first.getItems()).extracting(MessageView::getStatus).containsOnly("DEAD");
        assertThat(first.getNextCursor()).isNotBlank();

        // Page by page, 7 at a time (triples share their time: the id breaks the tie across page ends). A message dying
        // during the walk is newer than the cursor: it neither shifts later pages nor repeats a row.
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        String late = null;
        do {
            String after = cursor;
            MessagePage page = as("TESTER", null, "tester1", () -> ops.deadLetters("DP1", null, after, 7));
            walked.addAll(page.getItems().stream().map(MessageView::getMessageId).toList());
            assertThat(page.getItems()).hasSize(page.getNextCursor() == null ? expected.size() - 7 * pages : 7);
            cursor = page.getNextCursor();
            if (++pages == 2) {
                late = insert("DP1", "u-late", "report.ready", "DEAD", LocalDateTime.now(ZoneOffset.UTC), LocalDateTime.now(ZoneOffset.UTC));
            }
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 6) / 7);
        // The late one heads the next first page; a page exactly as long as what is left is the last.
        assertThat(as("OPS", null, "ops1", () -> ops.deadLetters("DP1", null, null, 1)).getItems())
                .extracting(MessageView::getMessageId).containsExactly(late);
        MessagePage whole = as("OPS", null, "ops1", () -> ops.deadLetters("DP1", null, null, expected.size() + 1));
        assertThat(whole.getItems()).hasSize(expected.size() + 1);
        assertThat(whole.getNextCursor()).isNull();

        // Every hospital's dead letters (other tests' too), newest first, nothing twice, nothing but dead letters.
        List<MessageView> everything = walkDead(null, null, 200);
        assertThat(everything).extracting(MessageView::getMessageId).doesNotHaveDuplicates().containsAll(expected)
                .contains(late).containsAll(other.stream().map(Seeded::id).toList())
                .doesNotContainAnyElementsOf(seeded.stream().filter(m -> !m.status().equals("DEAD")).map(Seeded::id).toList());
        assertThat(everything).extracting(MessageView::getStatus).containsOnly("DEAD");
        for (int i = 1; i < everything.size(); i++) {
            MessageView a = everything.get(i - 1);
            MessageView b = everything.get(i);
            assertThat(Instant.parse(a.getUpdatedAt()).compareTo(Instant.parse(b.getUpdatedAt())) > 0
                    || a.getUpdatedAt().equals(b.getUpdatedAt()) && a.getMessageId().compareTo(b.getMessageId()) > 0)
                    .as("%s before %s", a.getMessageId(), b.getMessageId()).isTrue();
        }
    }

    @Test
    void deadLettersFilterByHospitalAndEventType() {
        List<Seeded> one = seed("DF1", "u-" + UUID.randomUUID(), 30, List.of("DEAD", "SENT"), true);
        List<Seeded> two = seed("DF2", "u-" + UUID.randomUUID(), 12, List.of("DEAD"), true);
        for (String type : SEEDED_TYPES) {
            assertThat(walkDead("DF1", type, 4)).extracting(MessageView::getMessageId).as(type).containsExactlyElementsOf(
                    newestFirst(one.stream().filter(m -> m.status().equals("DEAD") && m.eventType().equals(type))));
        }
        assertThat(walkDead("DF2", null, 5)).extracting(MessageView::getMessageId).containsExactlyElementsOf(newestFirst(two.stream()));
        // One event type across hospitals: exactly that type, from both.
        List<MessageView> reports = walkDead(null, "report.ready", 200);
        assertThat(reports).extracting(MessageView::getEventType).containsOnly("report.ready");
        assertThat(reports).extracting(MessageView::getMessageId).containsAll(Stream.concat(one.stream(), two.stream())
                .filter(m -> m.status().equals("DEAD") && m.eventType().equals("report.ready")).map(Seeded::id).toList());
        // Exact, not a prefix; blank is no filter.
        assertThat(as("OPS", null, "ops1", () -> ops.deadLetters("DF", null, null, 200)).getItems()).isEmpty();
        assertThat(as("OPS", null, "ops1", () -> ops.deadLetters("DF1", "report", null, 200)).getItems()).isEmpty();
        assertThat(as("OPS", null, "ops1", () -> ops.deadLetters(" ", "", null, 200)).getItems()).isNotEmpty();
        assertThat(BusinessErrors.codeOf(() -> as("DESK", "DF1", "desk.df1", () -> ops.deadLetters("DF1", null, null, null))))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void aRecipientsMessagesAreNewestFirstAndACursorWalksThemWithoutGapsOrRepeats() {
        String user = "u-" + UUID.randomUUID();
        List<Seeded> mine = seed("RP1", user, 23, List.of("SENT", "CANCELLED", "DEAD"), false);
        seed("RP1", "u-" + UUID.randomUUID(), 5, List.of("SENT"), false); // someone else's
        List<String> expected = newestFirst(mine.stream());

        MessagePage all = as("OPS", null, "ops1", () -> ops.messages(user, null, null));
        assertThat(all.getItems()).extracting(MessageView::getMessageId).containsExactlyElementsOf(expected);
        assertThat(all.getNextCursor()).as("23 fit the default page of 50").isNull();

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String after = cursor;
            MessagePage page = as("TESTER", null, "tester1", () -> ops.messages(user, after, 4));
            walked.addAll(page.getItems().stream().map(MessageView::getMessageId).toList());
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(6);

        MessagePage allButOne = as("OPS", null, "ops1", () -> ops.messages(user, null, 22));
        assertThat(allButOne.getNextCursor()).isNotNull();
        assertThat(as("OPS", null, "ops1", () -> ops.messages(user, allButOne.getNextCursor(), 22)).getItems())
                .extracting(MessageView::getMessageId).containsExactly(expected.get(22));
        assertThat(as("OPS", null, "ops1", () -> ops.messages(user, null, 23)).getNextCursor()).isNull();
    }

    @Test
    void aBadCursorOrLimitIsRefusedNamingIt() {
        Map<String, Runnable> bad = new LinkedHashMap<>();
        bad.put("cursor", () -> ops.deadLetters(null, null, "not-a-cursor", null));
        bad.put("cursor ", () -> ops.messages("u-x", b64("v1|yesterday|M-1"), null));
        bad.put("cursor  ", () -> ops.deadLetters(null, null, b64("v1|2026-11-22T08:00:00Z|' OR 1=1 --"), null));
        bad.put("cursor   ", () -> ops.deadLetters(null, null, b64("v2|2026-11-22T08:00:00Z|M-1"), null));
        bad.put("limit", () -> ops.deadLetters(null, null, null, 0));
        bad.put("limit ", () -> ops.deadLetters(null, null, null, 201));
        bad.put("limit  ", () -> ops.messages("u-x", null, 0));
        bad.put("limit   ", () -> ops.messages("u-x", null, 201));
        bad.put("recipient", () -> ops.messages(" ", null, null));
        bad.forEach((field, call) -> {
            BusinessException e = org.junit.jupiter.api.Assertions.assertThrows(BusinessException.class,
                    () -> as("OPS", null, "ops1", () -> {
                        call.run();
                        return null;
                    }));
            assertThat(e.getCode()).as(field).isEqualTo("VALIDATION_FAILED");
            assertThat(e.getMessage()).as(field).startsWith(field.trim());
        });
        // The limits themselves are fine.
        assertThat(as("OPS", null, "ops1", () -> ops.deadLetters(null, null, null, 1)).getItems()).hasSizeLessThanOrEqualTo(1);
        assertThat(as("OPS", null, "ops1", () -> ops.messages("u-x", null, 200)).getItems()).isEmpty();
    }

    @Test
    void listingsShowPhonesMaskedAndOnlyTheMaskedBody() {
        String phone = String.format("1%010d", java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000_000_000L));
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String id = insert("DPM", phone, "entitlement.granted", "DEAD", now, now);
        MessageView dead = as("OPS", null, "ops1", () -> ops.deadLetters("DPM", null, null, null)).getItems().stream()
                .filter(m -> m.getMessageId().equals(id)).findFirst().orElseThrow();
        assertThat(dead.getRecipient()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7)).doesNotContain(phone);
        assertThat(dead.getBody()).isEqualTo("code ******").doesNotContain("7KQ2M9XTRB");
        assertThat(as("TESTER", null, "tester1", () -> ops.messages(phone, null, null)).getItems()).singleElement()
                .satisfies(m -> assertThat(m.getRecipient()).doesNotContain(phone));
    }

    private static final List<String> SEEDED_TYPES = List.of("booking.confirmed", "report.ready", "booking.reminder");

    /** A message as seeded: id, status, event type and the time its listing sorts by (UTC). */
    private record Seeded(String id, String status, String eventType, LocalDateTime sortedAt) {
    }

    /**
     * Seeds {@code n} messages of a hospital for a recipient straight into the table, an hour ago and older, three at a
     * time sharing the time the listing sorts by (ties the id must break), in shuffled id order, statuses and event
     * types in turn. The other time runs the opposite way, so a listing sorted by it would fail. None is PENDING, so
     * the dispatcher leaves them alone.
     */
    private static List<Seeded> seed(String hospital, String recipient, int n, List<String> statuses, boolean deadLetterOrder) {
        LocalDateTime base = LocalDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(123_000_000);
        List<Seeded> out = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int order = (i * 37) % n; // ids not in time order
            String id = "M-" + hospital + "-" + UUID.randomUUID().toString().substring(0, 8) + String.format("-%03d", order);
            String status = statuses.get(i % statuses.size());
            String type = SEEDED_TYPES.get(i % SEEDED_TYPES.size());
            LocalDateTime sortedAt = base.minusSeconds(i / 3);
            LocalDateTime otherAt = base.minusDays(1).plusSeconds(i);
            out.add(new Seeded(id, status, type, sortedAt));
            rows.add(row(id, hospital, recipient, type, status, deadLetterOrder ? otherAt : sortedAt, deadLetterOrder ? sortedAt : otherAt));
        }
        db.batchUpdate(INSERT, rows);
        return out;
    }

    private static final String INSERT = "INSERT INTO message (id, event_id, event_type, kind, hospital_id, recipient, channel, body,"
            + " shown_body, status, attempts, send_at, last_error, created_at, updated_at) VALUES (?,?,?,'NOTICE',?,?,'SMS',?,?,?,?,?,?,?,?)";

    private static Object[] row(String id, String hospital, String recipient, String type, String status, LocalDateTime created,
                                LocalDateTime updated) {
        boolean dead = status.equals("DEAD");
        return new Object[] {id, "seed:" + id, type, hospital, recipient, "code 7KQ2M9XTRB", "code ******", status, dead ? 4 : 1,
                created, dead ? "provider is down" : null, created, updated};
    }

    private static String insert(String hospital, String recipient, String type, String status, LocalDateTime created,
                                 LocalDateTime updated) {
        String id = "M-" + UUID.randomUUID();
        db.update(INSERT, row(id, hospital, recipient, type, status, created, updated));
        return id;
    }

    /** Ids newest first, as listings order them (sort time, then id, both descending). */
    private static List<String> newestFirst(Stream<Seeded> messages) {
        return messages.sorted(Comparator.comparing(Seeded::sortedAt).thenComparing(Seeded::id).reversed()).map(Seeded::id).toList();
    }

    /** Every page of the (filtered) dead letters, following the cursors, as ops. */
    private static List<MessageView> walkDead(String hospital, String eventType, int limit) {
        List<MessageView> all = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            MessagePage page = as("OPS", null, "ops1", () -> ops.deadLetters(hospital, eventType, after, limit));
            all.addAll(page.getItems());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return all;
    }

    /** A recipient's messages (the first page of 200: tests send a few). */
    private static List<MessageView> messages(String recipient) {
        return ops.messages(recipient, null, 200).getItems();
    }

    /** A hospital's dead letters (the first page of 200). */
    private static List<MessageView> deadLetters(String hospital) {
        return ops.deadLetters(hospital, null, null, 200).getItems();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
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
