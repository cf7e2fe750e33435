package com.checkup.message;

import static com.checkup.platform.embedded.Acting.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.HospitalView;
import com.checkup.contracts.booking.PackageView;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.fulfillment.ReportEvent;
import com.checkup.contracts.message.InboxNotice;
import com.checkup.contracts.message.InboxPage;
import com.checkup.contracts.message.InboxService;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.message.app.InboxNotices;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.events.EventHeaders;
import com.checkup.platform.events.Json;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.rpc.RpcContext;
import org.apache.dubbo.rpc.service.GenericService;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox for real: two message-service instances (a and b) on one database, broker and registry, as two replicas
 * would run; events sent the way booking-, fulfillment- and order-service send them; polls over Dubbo straight to one
 * instance (and once as the gateway makes them: a generic asynchronous call). A catalogue stand-in gives names.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class InboxServiceIT {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static DubboApps apps;
    private static InboxService inboxA;
    private static InboxService inboxB;
    private static GenericService genericA;
    private static DefaultMQProducer producer;
    private static JdbcTemplate db;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        infra.mariaDb().createDatabase("inbox_it");
        for (String t : List.of(Topics.BOOKING, Topics.REPORT, Topics.CAMPAIGN, Topics.ORDER)) {
            infra.rocketMq().createTopic(t);
        }
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        apps.app("catalogue-stand-in", null).provide(BookingService.class, catalogue()).start();
        a = instance(infra, "message-service");
        // Only because both share this JVM (RocketMQ clients of a JVM are shared by instance name, from the application name).
        b = instance(infra, "message-service-b");
        db = a.getBean(JdbcTemplate.class);

        DubboApps.App client = apps.app("inbox-client", null);
        // Straight to one instance each ("checkup-loopback": Dubbo turns a literal 127.0.0.1 into the machine's address).
        ReferenceConfig<InboxService> refA = client.refer(InboxService.class);
        refA.setUrl("dubbo://checkup-loopback:" + a.getEnvironment().getProperty("dubbo.protocol.port") + "/" + InboxService.class.getName());
        ReferenceConfig<InboxService> refB = client.refer(InboxService.class);
        // A direct address has no provider URL to take the service's timeout from: the gateway's route sets it the same way.
        refA.setTimeout(30_000);
        refB.setTimeout(30_000);
        refB.setUrl("dubbo://checkup-loopback:" + b.getEnvironment().getProperty("dubbo.protocol.port") + "/" + InboxService.class.getName());
        // What ShenYu's apache-dubbo plugin makes: generic, async, the route's timeout.
        ReferenceConfig<GenericService> generic = new ReferenceConfig<>();
        generic.setInterface(InboxService.class.getName());
        generic.setGeneric("true");
        generic.setAsync(true);
        generic.setTimeout(30_000);
        generic.setCheck(false);
        generic.setRetries(0);
        generic.setScope("remote");
        generic.setFilter(com.checkup.platform.dubbo.DubboDefaults.CONSUMER_FILTER);
        generic.setUrl(refA.getUrl());
        client.bootstrap().reference(generic);
        client.start();
        inboxA = refA.get();
        inboxB = refB.get();
        genericA = generic.get();

        producer = new DefaultMQProducer("inbox-it");
        producer.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        producer.setInstanceName("inbox-it");
        producer.start();
    }

    private static ConfigurableApplicationContext instance(TestInfrastructure infra, String name) {
        return new SpringApplicationBuilder(MessageServiceApplication.class).run(
                "--spring.application.name=" + name,
                "--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl("inbox_it"),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.rocketmq.client-interval=1s",
                "--checkup.message.poll-interval=200",
                // simulated where switched on explicitly: nothing leaves the test
                "--checkup.message.providers.sms=simulated", "--checkup.message.providers.email=simulated",
                "--checkup.message.providers.app-push=simulated",
                "--checkup.inbox.sweep-interval=300", "--checkup.inbox.reminder-interval=300");
    }

    @AfterAll
    static void stop() {
        producer.shutdown();
        apps.close();
        b.close();
        a.close();
    }

    @Test
    void aFreshClientGetsTheLatestTwentyThenWhatIsNewerAtOnce() throws Exception {
        String user = user();
        List<String> bookings = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            bookings.add(confirm(user, LocalDate.now(CHINA).plusDays(10)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(user) == 23);
        InboxPage first = poll(inboxA, user, null, 0);
        assertThat(first.getItems()).hasSize(20).extracting(InboxNotice::getKind).containsOnly(InboxNotice.BOOKING_CONFIRMED);
        List<String> order = inboxOrder(user);
        assertThat(first.getItems()).extracting(InboxNotice::getId).containsExactlyElementsOf(order.subList(3, 23));
        assertThat(first.getItems()).extracting(InboxNotice::getBookingId).containsExactlyInAnyOrderElementsOf(
                bookingsOf(user, order.subList(3, 23)));

        // Nothing newer: at once, the same cursor, even with a wait of 0.
        InboxPage same = poll(inboxB, user, first.getCursor(), 0);
        assertThat(same.getItems()).isEmpty();
        assertThat(same.getCursor()).isEqualTo(first.getCursor());

        // Newer ones (the other instance wrote them: one database): at once, oldest first, without waiting.
        String later = confirm(user, LocalDate.now(CHINA).plusDays(12));
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(user) == 24);
        long t0 = System.nanoTime();
        InboxPage next = poll(inboxA, user, first.getCursor(), 25);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(next.getItems()).singleElement().satisfies(n -> assertThat(n.getBookingId()).isEqualTo(later));
        assertThat(next.getCursor()).isNotEqualTo(first.getCursor());
        assertThat(bookings).hasSize(23);
    }

    @Test
    void aHeldPollIsAnsweredWhenTheUsersBookingIsConfirmed() throws Exception {
        String user = user();
        String cursor = poll(inboxA, user, null, 0).getCursor();
        CompletableFuture<InboxPage> held = as("CONSUMER", null, user, () -> inboxA.poll(cursor, 25));
        Thread.sleep(1000);
        assertThat(held).as("nothing yet: the poll waits").isNotDone();

        LocalDate exam = LocalDate.now(CHINA).plusDays(6);
        long t0 = System.nanoTime();
        String booking = confirm(user, exam);
        InboxPage page = held.get(20, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).as("answered when the notice committed, not at the end of the wait").isLessThan(Duration.ofSeconds(15));
        assertThat(page.getItems()).singleElement().satisfies(n -> {
            assertThat(n.getKind()).isEqualTo(InboxNotice.BOOKING_CONFIRMED);
            assertThat(n.getBookingId()).isEqualTo(booking);
            assertThat(n.getHospitalId()).isEqualTo("IH1");
            assertThat(java.time.Instant.parse(n.getCreatedAt())).isBefore(java.time.Instant.now().plusSeconds(1));
            assertThat(n.getParams()).containsEntry("hospitalName", "北京示范医院").containsEntry("packageId", "IH1-CT")
                    .containsEntry("packageName", "CT 套餐").containsEntry("examDate", exam.toString())
                    .containsEntry("period", "MORNING").hasSize(5);
        });
        assertThat(page.getCursor()).isNotEqualTo(cursor);
    }

    @Test
    void aNoticeCommittedOnAnotherInstanceAnswersAPollWaitingHere() throws Exception {
        String user = user();
        String cursor = poll(inboxA, user, null, 0).getCursor();
        CompletableFuture<InboxPage> held = as("CONSUMER", null, user, () -> inboxA.poll(cursor, 25));
        Thread.sleep(500);
        long t0 = System.nanoTime();
        // Written by instance b only: a hears of it through its periodic look (every 300 ms here, 1 s by default).
        String source = "direct-" + UUID.randomUUID();
        b.getBean(TransactionTemplate.class).executeWithoutResult(s -> b.getBean(InboxNotices.class)
                .add(source, InboxNotice.REPORT_READY, user, "B-x", "IH1", Map.of("hospitalName", "北京示范医院")));
        InboxPage page = held.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(page.getItems()).extracting(InboxNotice::getKind).containsExactly(InboxNotice.REPORT_READY);
    }

    @Test
    void aWaitThatEndsAnswersNothingWithTheSameCursor() {
        String user = user();
        String cursor = poll(inboxA, user, null, 0).getCursor();
        long t0 = System.nanoTime();
        InboxPage page = poll(inboxB, user, cursor, 2);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).as("its 2 s (up to a tenth less: waits end spread out)").isBetween(Duration.ofMillis(1750), Duration.ofSeconds(6));
        assertThat(page.getItems()).isEmpty();
        assertThat(page.getCursor()).isEqualTo(cursor);
    }

    /**
     * A client on a bad network: its polls go to either instance, some answers are lost (it drops them and polls again
     * from its last cursor), some polls are given up while waiting; meanwhile notices of the user are committed on both
     * instances at once (events, and direct writes on each). What it collects is every notice, once, in order.
     */
    @Test
    void resumingFromTheLastCursorAfterDropsMissesNothingAndRepeatsNothing() throws Exception {
        String user = user();
        int events = 12;
        int direct = 2 * 9;
        // A fresh client, before anything was written: its cursor is before the first notice.
        InboxPage fresh = poll(inboxA, user, null, 0);
        assertThat(fresh.getItems()).isEmpty();
        String cursor = fresh.getCursor();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<String> collected = Collections.synchronizedList(new ArrayList<>());
        try {
            writers.execute(() -> {
                try {
                    for (int i = 0; i < events; i++) {
                        confirm(user, LocalDate.now(CHINA).plusDays(8));
                        Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (ConfigurableApplicationContext instance : List.of(a, b)) {
                writers.execute(() -> {
                    for (int i = 0; i < direct / 2; i++) {
                        String key = "drop-" + UUID.randomUUID();
                        instance.getBean(TransactionTemplate.class).executeWithoutResult(s -> instance.getBean(InboxNotices.class)
                                .add(key, InboxNotice.REFUNDED, user, "B-" + key, "IH1", Map.of("amount", "1.00")));
                        sleep(ThreadLocalRandom.current().nextInt(20, 200));
                    }
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int dropped = 0;
            int abandoned = 0;
            while (collected.size() < events + direct && System.nanoTime() < deadline) {
                InboxService target = ThreadLocalRandom.current().nextBoolean() ? inboxA : inboxB;
                String after = cursor;
                CompletableFuture<InboxPage> call = as("CONSUMER", null, user, () -> target.poll(after, 2));
                // The second poll is always given up, the first answer with notices always lost; then one in ten of each.
                int roll = abandoned == 0 && dropped + collected.size() > 0 ? 0 : dropped == 0 ? 1 : ThreadLocalRandom.current().nextInt(10);
                if (roll == 0) {
                    abandoned++;
                    continue; // the connection dropped while waiting: the answer, whatever it is, never arrives
                }
                InboxPage page = call.get(10, TimeUnit.SECONDS);
                if (roll == 1 && !page.getItems().isEmpty()) {
                    dropped++;
                    continue; // the answer was lost on the way: the client never saw it and keeps its cursor
                }
                collected.addAll(ids(page));
                cursor = page.getCursor();
            }
            assertThat(dropped).isPositive();
            assertThat(abandoned).isPositive();
            assertThat(collected).as("every notice, once (dropped %d answers, abandoned %d polls)", dropped, abandoned)
                    .doesNotHaveDuplicates().hasSize(events + direct);
            assertThat(collected).as("in the order they were committed").containsExactlyElementsOf(inboxOrder(user));
            assertThat(poll(inboxB, user, cursor, 0).getItems()).isEmpty();
        } finally {
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anotherUserNeverSeesThem() throws Exception {
        String mine = user();
        String other = user();
        String otherCursor = poll(inboxA, other, null, 0).getCursor();
        CompletableFuture<InboxPage> othersPoll = as("CONSUMER", null, other, () -> inboxA.poll(otherCursor, 4));
        confirm(mine, LocalDate.now(CHINA).plusDays(9));
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(mine) == 1);
        InboxPage mineNow = poll(inboxA, mine, null, 0);
        assertThat(mineNow.getItems()).hasSize(1);

        assertThat(othersPoll.get(10, TimeUnit.SECONDS).getItems()).as("woken by nothing of theirs").isEmpty();
        assertThat(poll(inboxB, other, null, 0).getItems()).isEmpty();
        assertThat(code(() -> poll(inboxA, other, mineNow.getCursor(), 0))).as("someone else's cursor").isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> poll(inboxA, other, mineNow.getCursor(), 5))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theDayBeforeReminderShowsWhenDueAndNotForACancelledBooking() throws Exception {
        String user = user();
        LocalDate exam = LocalDate.now(CHINA).plusDays(5);
        String kept = confirm(user, exam);
        String cancelled = confirm(user, exam);
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(user) == 2 && scheduled(user) == 2);
        sendBooking(BookingEvent.CANCELLED, cancelled, user, exam, true, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduled(user) == 1);
        String cursor = poll(inboxA, user, null, 0).getCursor();
        assertThat(poll(inboxA, user, cursor, 0).getItems()).as("a reminder before its day is not in the inbox").isEmpty();

        // Its day comes (the row says so): shown at the next look, to a poll that waits for it.
        CompletableFuture<InboxPage> held = as("CONSUMER", null, user, () -> inboxB.poll(cursor, 20));
        db.update("UPDATE inbox_notice SET due_at = UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE WHERE user_id = ? AND state = 'SCHEDULED'", user);
        InboxPage page = held.get(15, TimeUnit.SECONDS);
        assertThat(page.getItems()).singleElement().satisfies(n -> {
            assertThat(n.getKind()).isEqualTo(InboxNotice.EXAM_REMINDER);
            assertThat(n.getBookingId()).isEqualTo(kept);
            assertThat(n.getParams()).containsEntry("examDate", exam.toString()).containsEntry("hospitalName", "北京示范医院");
        });
        Thread.sleep(1000);
        assertThat(poll(inboxA, user, page.getCursor(), 0).getItems()).as("shown once, by one instance").isEmpty();
        assertThat(db.queryForObject("SELECT state FROM inbox_notice WHERE booking_id = ? AND kind = 'EXAM_REMINDER'", String.class, cancelled))
                .isEqualTo("CALLED_OFF");
    }

    @Test
    void reportAndRefundNoticesCarryTheBookingOnceEach() throws Exception {
        String user = user();
        LocalDate exam = LocalDate.now(CHINA).plusDays(4);
        String booking = confirm(user, exam);
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(user) == 1);
        String cursor = poll(inboxA, user, null, 0).getCursor();

        ReportEvent r = new ReportEvent();
        r.setReportId("R-" + UUID.randomUUID());
        r.setBookingId(booking);
        r.setHospitalId("IH1");
        r.setConsumerId(user);
        String reportEvent = send(Topics.REPORT, ReportEvent.READY, booking, r, null);
        OrderEvent o = new OrderEvent();
        o.setOrderId("O-" + UUID.randomUUID());
        o.setBookingId(booking);
        o.setConsumerId(user);
        o.setHospitalId("IH1");
        o.setAmountCents(129_900);
        o.setStatus(OrderStatus.REFUNDED);
        String refundEvent = send(Topics.ORDER, OrderEvent.REFUNDED, o.getOrderId(), o, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(user) == 3);
        // Delivered again (a broker redelivers): nothing new.
        send(Topics.REPORT, ReportEvent.READY, booking, r, reportEvent);
        send(Topics.ORDER, OrderEvent.REFUNDED, o.getOrderId(), o, refundEvent);
        Thread.sleep(2000);
        InboxPage page = poll(inboxB, user, cursor, 0);
        assertThat(page.getItems()).extracting(InboxNotice::getKind)
                .containsExactlyInAnyOrder(InboxNotice.REPORT_READY, InboxNotice.REFUNDED);
        assertThat(page.getItems()).allSatisfy(n -> {
            assertThat(n.getBookingId()).isEqualTo(booking);
            assertThat(n.getParams()).containsEntry("hospitalName", "北京示范医院").containsEntry("examDate", exam.toString())
                    .containsEntry("packageName", "CT 套餐");
        });
        assertThat(page.getItems()).filteredOn(n -> n.getKind().equals(InboxNotice.REFUNDED)).singleElement()
                .satisfies(n -> assertThat(n.getParams()).containsEntry("amount", "1299.00"));
        assertThat(shown(user)).isEqualTo(3);
    }

    @Test
    void badParametersAndOtherCallersAreRefused() {
        String user = user();
        String good = poll(inboxA, user, null, 0).getCursor();
        for (int bad : new int[] {-1, 26}) {
            BusinessException e = error(() -> poll(inboxA, user, good, bad));
            assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.getMessage()).startsWith("wait");
        }
        for (String bad : List.of("nonsense", good + "x", "djF8MjAyNi0xMS0yMlQwODowMDowMFp8TS0x")) {
            BusinessException e = error(() -> poll(inboxA, user, bad, 0));
            assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.getMessage()).startsWith("after");
        }
        assertThat(code(() -> as("DESK", "IH1", "desk.ih1", () -> inboxA.poll(null, 0).join()))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("OPS", null, "ops1", () -> inboxA.poll(null, 0).join()))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> com.checkup.platform.embedded.Acting.anonymously(() -> inboxA.poll(null, 0).join())))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(as("TESTER", null, "tester-" + UUID.randomUUID(), () -> inboxA.poll(null, 0).join()).getItems()).isEmpty();
    }

    /** The call exactly as ShenYu's apache-dubbo plugin makes it: generic $invoke on an async reference, then the future. */
    @Test
    @SuppressWarnings("unchecked")
    void theGatewaysGenericAsyncCallGetsThePageAsAMapWhenTheFutureCompletes() throws Exception {
        String user = user();
        String cursor = poll(inboxA, user, null, 0).getCursor();
        CompletableFuture<Object> future = as("CONSUMER", null, user, () -> {
            Object sync = genericA.$invoke("poll", new String[] {"java.lang.String", "java.lang.Integer"}, new Object[] {cursor, 20});
            assertThat(sync).as("an async reference returns at once").isNull();
            return (CompletableFuture<Object>) RpcContext.getContext().getFuture();
        });
        Thread.sleep(500);
        assertThat(future).isNotDone();
        String booking = confirm(user, LocalDate.now(CHINA).plusDays(7));
        Object result = future.get(20, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(Map.class);
        Map<String, Object> page = (Map<String, Object>) result;
        assertThat(page.get("cursor")).isInstanceOf(String.class).isNotEqualTo(cursor);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).singleElement().satisfies(n -> {
            assertThat(n).containsEntry("kind", InboxNotice.BOOKING_CONFIRMED).containsEntry("bookingId", booking);
            assertThat((Map<String, String>) n.get("params")).containsEntry("period", "MORNING");
        });
        // A business error crosses as the gateway expects it: the exception, with the code attached.
        CompletableFuture<Object> bad = as("CONSUMER", null, user, () -> {
            genericA.$invoke("poll", new String[] {"java.lang.String", "java.lang.Integer"}, new Object[] {"nonsense", 5});
            return (CompletableFuture<Object>) RpcContext.getContext().getFuture();
        });
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> bad.get(10, TimeUnit.SECONDS)).getCause().getMessage()).contains("after");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String user() {
        return "u-" + UUID.randomUUID();
    }

    private static InboxPage poll(InboxService inbox, String user, String after, Integer wait) {
        return as("CONSUMER", null, user, () -> inbox.poll(after, wait)).join();
    }

    private static List<String> ids(InboxPage page) {
        return page.getItems().stream().map(InboxNotice::getId).toList();
    }

    private static int shown(String user) {
        return db.queryForObject("SELECT COUNT(*) FROM inbox_notice WHERE user_id = ? AND seq IS NOT NULL", Integer.class, user);
    }

    private static int scheduled(String user) {
        return db.queryForObject("SELECT COUNT(*) FROM inbox_notice WHERE user_id = ? AND state = 'SCHEDULED'", Integer.class, user);
    }

    /** The user's notice ids in the order of their numbers (the order of their commits). */
    private static List<String> inboxOrder(String user) {
        return db.queryForList("SELECT id FROM inbox_notice WHERE user_id = ? AND seq IS NOT NULL ORDER BY seq", String.class, user);
    }

    private static List<String> bookingsOf(String user, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(db.queryForObject("SELECT booking_id FROM inbox_notice WHERE id = ? AND user_id = ?", String.class, id, user));
        }
        return out;
    }

    /** The business error code of a call (its future's failure, or what it threw). */
    private static String code(Runnable call) {
        return error(call).getCode();
    }

    private static BusinessException error(Runnable call) {
        try {
            call.run();
        } catch (BusinessException e) {
            return e;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof BusinessException be) {
                return be;
            }
            throw e;
        }
        throw new AssertionError("no error");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A confirmed booking of the user at IH1 (package IH1-CT, morning), as booking-service announces it. */
    private static String confirm(String user, LocalDate exam) throws Exception {
        String booking = "B-" + UUID.randomUUID();
        sendBooking(BookingEvent.CONFIRMED, booking, user, exam, false, null);
        return booking;
    }

    private static String sendBooking(String type, String booking, String user, LocalDate date, boolean paidCancel, String eventId)
            throws Exception {
        BookingEvent e = new BookingEvent();
        e.setBookingId(booking);
        e.setHospitalId("IH1");
        e.setPackageId("IH1-CT");
        e.setConsumerId(user);
        e.setDate(date.toString());
        e.setPeriod("MORNING");
        e.setRefundRequired(paidCancel);
        e.setStatus(BookingEvent.CANCELLED.equals(type) ? BookingStatus.CANCELLED : BookingStatus.CONFIRMED);
        return send(Topics.BOOKING, type, booking, e, eventId);
    }

    private static String send(String topic, String type, String key, Object payload, String eventId) throws Exception {
        String id = eventId == null ? UUID.randomUUID().toString() : eventId;
        Message m = new Message(topic, type, key, Json.MAPPER.writeValueAsBytes(payload));
        EventHeaders.stamp(m, EventHeaders.of(CallContext.newRoot(), id, type));
        producer.send(m);
        return id;
    }

    /** booking-service's catalogue as far as message-service asks it. */
    /** booking-service's catalogue as message-service reads it (hospital and package names): a Mockito mock. */
    static BookingService catalogue() {
        HospitalView h = new HospitalView();
        h.setHospitalId("IH1");
        h.setName("北京示范医院");
        h.setCity("Beijing");
        h.setTimezone("Asia/Shanghai");
        PackageView p = new PackageView();
        p.setPackageId("IH1-CT");
        p.setHospitalId("IH1");
        p.setName("CT 套餐");
        BookingService catalogue = Mockito.mock(BookingService.class);
        Mockito.when(catalogue.hospitals()).thenReturn(List.of(h));
        Mockito.when(catalogue.packages(Mockito.anyString())).thenReturn(List.of());
        Mockito.when(catalogue.packages("IH1")).thenReturn(List.of(p));
        return catalogue;
    }
}
