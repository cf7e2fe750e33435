package com.checkup.sync;

import static com.checkup.platform.embedded.Acting.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.HospitalFeed;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.fulfillment.FulfillmentService;
import com.checkup.contracts.fulfillment.OpenTaskRequest;
import com.checkup.contracts.fulfillment.TaskView;
import com.checkup.contracts.sync.HospitalSyncService;
import com.checkup.contracts.sync.HospitalSyncStatus;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.StandIn;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.events.EventHeaders;
import com.checkup.platform.events.Json;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.simulator.HospitalSimulator;
import com.checkup.platform.privacy.FieldCipher;
import com.checkup.sync.app.CredentialVault;
import java.util.Map;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import com.checkup.sync.app.HospitalSync;
import com.checkup.sync.app.SyncCopies;
import com.checkup.sync.connector.HospitalCircuits;
import com.checkup.sync.domain.CopyReport;
import com.checkup.sync.rpc.HospitalSyncRpcService;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * hospital-sync-service for real (own database, ZooKeeper config center, RocketMQ), pushing to the hospital
 * simulator over HTTP; booking-service and fulfillment-service stood in for by Dubbo providers the test reads.
 * Fast retries (3 tries, 200 ms then 400 ms) and a circuit that opens after 3 failed calls, for 2 s.
 *
 * <p>Run as copies, as a tiered deployment does (checkup.sync.tiers = {@value #TIERS}): {@code service}, the default
 * copy, serves every hospital but TL1, TL2 and TN1; the {@code large} copy serves TL1 and TL2; tier north's copy runs
 * only from the middle of one test on. Every test calls the ops service through Dubbo, which lands on either copy.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class HospitalSyncIT {
    private static final String TIERS = "large=TL1,TL2;north=TN1";
    private static final Map<String, BookingView> BOOKINGS = new ConcurrentHashMap<>();
    private static final List<OpenTaskRequest> TASK_CALLS = new CopyOnWriteArrayList<>();
    private static final List<String> CHECK_INS = new CopyOnWriteArrayList<>();
    private static final String OLD_KEY = FieldCipher.newKey();
    private static HospitalSimulator simulator;
    private static DubboApps apps;
    private static ConfigurableApplicationContext service;
    /** The copy serving tier {@code large} (TL1, TL2), on the same database, broker and config center. */
    private static ConfigurableApplicationContext large;
    /** The copy serving tier {@code north} (TN1), once a test started it. */
    private static ConfigurableApplicationContext north;
    private static List<String> serviceArgs;
    private static String zooKeeper;
    private static DefaultMQProducer producer;
    private static HospitalSyncService status;
    private static JdbcTemplate db;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        infra.mariaDb().createDatabase("sync_it");
        infra.rocketMq().createTopic(Topics.BOOKING);
        simulator = HospitalSimulator.start(0);
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        apps.app("sync-standins", null).provide(BookingService.class, StandIn.of(BookingService.class, new BookingsStandIn()))
                .provide(HospitalFeed.class, StandIn.of(HospitalFeed.class, new FeedStandIn()))
                .provide(FulfillmentService.class, StandIn.of(FulfillmentService.class, new FulfillmentStandIn())).start();
        zooKeeper = infra.zooKeeper().dubboUrl();
        serviceArgs = List.of(
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl("sync_it"),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.rocketmq.client-interval=1s",
                "--checkup.sync.poll-interval=100",
                "--checkup.sync.status-pull.poll-interval=100", "--checkup.sync.status-pull.every=200ms",
                "--checkup.sync.retry.attempts=3", "--checkup.sync.retry.first=200ms", "--checkup.sync.retry.max=1s",
                "--checkup.sync.breaker.min-requests=3", "--checkup.sync.breaker.open-for=2s",
                "--checkup.sync.breaker.stat-interval=10s",
                "--checkup.sync.connector-hosts=127.0.0.1:" + simulator.port(),
                // Two credential keys, k1 current: a value still under k0 is re-encrypted under k1.
                "--checkup.sync.credentials.keys.k0=" + OLD_KEY, "--checkup.sync.credentials.keys.k1=" + FieldCipher.newKey(),
                "--checkup.sync.credentials.current-key=k1",
                // The simulator speaks plain http on loopback.
                "--checkup.sync.credentials.allow-plain-http=true",
                "--checkup.sync.tiers=" + TIERS);
        service = startCopy("");
        db = service.getBean(JdbcTemplate.class);
        FeatureFlags flags = service.getBean(FeatureFlags.class);
        flags.set(HospitalSync.CONNECTOR, "SA", "HTTP_JSON " + simulator.baseUrl("SA"));
        flags.set(HospitalSync.CONNECTOR, "SB", "HTTP_JSON " + simulator.baseUrl("SB"));
        flags.set(HospitalSync.CONNECTOR, "SM", "MANUAL");
        // A connector aimed at a host the deployment does not allow (cloud metadata): written straight into the config
        // center, past the gateway's own check, as a compromised or careless writer could.
        flags.set(HospitalSync.CONNECTOR, "SX", "HTTP_JSON http://169.254.169.254/latest/meta-data");
        flags.set(HospitalSync.CONNECTOR_TIMEOUT, "SB", "PT1S");
        flags.set(HospitalSync.CONNECTOR, "SK", "HTTP_JSON " + simulator.baseUrl("SK"));
        flags.set(HospitalSync.CONNECTOR, "SR", "HTTP_JSON " + simulator.baseUrl("SR"));
        for (String h : List.of("TL1", "TL2", "TN1", "TS1")) {
            flags.set(HospitalSync.CONNECTOR, h, "HTTP_JSON " + simulator.baseUrl(h));
        }
        large = startCopy("large");
        DubboApps.App client = apps.app("sync-client", null);
        ReferenceConfig<HospitalSyncService> ref = client.refer(HospitalSyncService.class);
        client.start();
        status = ref.get();
        producer = new DefaultMQProducer("sync-it-bookings");
        producer.setNamesrvAddr(infra.rocketMq().namesrvAddr());
        producer.setInstanceName("sync-it-bookings");
        producer.start();
        // The flags are read live: wait until the service sees them.
        await().atMost(Duration.ofSeconds(20)).until(() -> service.getBean(HospitalSync.class).connector("SM").toString().equals("MANUAL")
                && service.getBean(HospitalSync.class).connector("SA").toString().startsWith("HTTP_JSON"));
    }

    /** A copy of the service serving {@code tier} (empty: the default copy), on its own ports. */
    private static ConfigurableApplicationContext startCopy(String tier) {
        List<String> args = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(), "--checkup.sync.tier=" + tier));
        args.addAll(serviceArgs);
        args.add("--dubbo.registry.address=" + zooKeeper);
        if (!tier.isEmpty()) {
            // Only because the copies share this JVM (in k8s each is its own process and keeps the name): RocketMQ
            // clients of a JVM are shared by instance name, which platform-kit derives from the application name.
            args.add("--spring.application.name=hospital-sync-service-" + tier);
        }
        return new SpringApplicationBuilder(HospitalSyncServiceApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        // The copies of this JVM share platform-kit's config-center connection (in k8s each copy has its own): every copy
        // stops claiming work before the first one closes it.
        for (ConfigurableApplicationContext copy : new ConfigurableApplicationContext[] {service, large, north}) {
            if (copy != null && copy.isActive()) {
                copy.getBeansOfType(com.checkup.platform.work.WorkLoop.class).values()
                        .forEach(com.checkup.platform.work.WorkLoop::stop);
            }
        }
        producer.shutdown();
        apps.close();
        large.close();
        if (north != null) {
            north.close();
        }
        service.close();
        simulator.close();
    }

    @Test
    void aConfirmedBookingReachesTheHospitalOnceAndItsCancelFollows() throws Exception {
        String booking = booking("SA");
        String eventId = send(BookingEvent.CONFIRMED, booking, "SA", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.pushes("SA").getOrDefault(booking, 0) == 1);
        assertThat(simulator.state("SA", booking)).isEqualTo("BOOKED");
        send(BookingEvent.CONFIRMED, booking, "SA", eventId); // the same event delivered again
        send(BookingEvent.CANCELLED, booking, "SA", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(simulator.state("SA", booking)));
        assertThat(simulator.pushes("SA").get(booking)).isEqualTo(1);
        // The job is marked DONE once the hospital's answer is in, a moment after the hospital changed its state.
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs(booking, "DONE") == 2);
        assertThat(TASK_CALLS).noneMatch(t -> t.getBookingId().equals(booking));
    }

    @Test
    void aFailingHospitalOpensItsOwnCircuitWhileAnotherKeepsFlowingAndEachBookingBecomesOneTask() throws Exception {
        simulator.behave("SB", HospitalSimulator.Mode.FAIL, 0);
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            broken.add(booking("SB"));
            send(BookingEvent.CONFIRMED, broken.get(i), "SB", null);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> circuit("SB").equals("OPEN"));

        // While SB's circuit is open, SA's bookings go through at once.
        List<String> healthy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            healthy.add(booking("SA"));
            send(BookingEvent.CONFIRMED, healthy.get(i), "SA", null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.stream().allMatch(b -> simulator.pushes("SA").getOrDefault(b, 0) == 1));
        assertThat(circuit("SA")).isEqualTo("CLOSED");

        // SB's tries are spent: exactly one SYNC_FAILED task per booking, nothing dropped.
        await().atMost(Duration.ofSeconds(60)).until(() -> broken.stream().allMatch(b -> jobs(b, "GAVE_UP") == 1));
        for (String b : broken) {
            assertThat(TASK_CALLS.stream().filter(t -> t.getBookingId().equals(b)).toList())
                    .singleElement().satisfies(t -> {
                        assertThat(t.getKind()).isEqualTo("SYNC_FAILED");
                        assertThat(t.getHospitalId()).isEqualTo("SB");
                        assertThat(t.getReason()).contains("after 3 tries");
                    });
        }
        // The open circuit spared the broken system most calls: without it, 6 bookings × 3 tries = 18.
        assertThat(simulator.requests("SB")).isLessThan(18);
        HospitalSyncStatus sb = as("OPS", null, "ops1", () -> status.status()).stream()
                .filter(s -> s.getHospitalId().equals("SB")).findFirst().orElseThrow();
        assertThat(sb.getGaveUp()).isEqualTo(6);
        assertThat(sb.getConnector()).isEqualTo("HTTP_JSON");
        assertThat(sb.getLastError()).isNotBlank();
        simulator.behave("SB", HospitalSimulator.Mode.OK, 0);
    }

    @Test
    void aManualHospitalsBookingIsATaskAtOnce() throws Exception {
        String booking = booking("SM");
        send(BookingEvent.CONFIRMED, booking, "SM", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(booking, "GAVE_UP") == 1);
        assertThat(TASK_CALLS.stream().filter(t -> t.getBookingId().equals(booking)).toList())
                .singleElement().satisfies(t -> assertThat(t.getKind()).isEqualTo("MANUAL_HOSPITAL"));
        assertThat(simulator.pushes("SM")).isEmpty();
    }

    @Test
    void aConnectorOnAHostOutsideTheAllowListIsNeverCalledAndTheBookingBecomesATask() throws Exception {
        String booking = booking("SX");
        send(BookingEvent.CONFIRMED, booking, "SX", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(booking, "GAVE_UP") == 1);
        assertThat(TASK_CALLS.stream().filter(t -> t.getBookingId().equals(booking)).toList()).hasSize(1);
        assertThat(db.queryForObject("SELECT last_error FROM sync_job WHERE booking_id = ? LIMIT 1", String.class, booking))
                .contains("not an allowed hospital system host");
    }

    @Test
    void theHospitalsCheckInAndReportComeBackByPulling() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String booking = booking("SA", today);
        String cancelledHere = booking("SA", today);
        send(BookingEvent.CONFIRMED, booking, "SA", null);
        send(BookingEvent.CONFIRMED, cancelledHere, "SA", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.pushes("SA").getOrDefault(booking, 0) == 1
                && simulator.pushes("SA").getOrDefault(cancelledHere, 0) == 1);
        // Tracking starts once each push's answer is in (just after the hospital counted it).
        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOKED".equals(hospitalState(booking))
                && "BOOKED".equals(hospitalState(cancelledHere)));

        // The examinee arrives at the hospital: the booking is checked in here too, once.
        simulator.checkIn("SA", booking);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CHECKED_IN".equals(hospitalState(booking)));
        assertThat(CHECK_INS).containsOnlyOnce(booking);

        // The report is ready there: one task for the desk to bring the PDF over, and the booking is no longer pulled.
        simulator.reportReady("SA", booking);
        await().atMost(Duration.ofSeconds(30)).until(() -> "REPORT_READY".equals(hospitalState(booking)));
        assertThat(TASK_CALLS.stream().filter(t -> t.getBookingId().equals(booking)).toList()).singleElement()
                .satisfies(t -> {
                    assertThat(t.getKind()).isEqualTo("REPORT_AT_HOSPITAL");
                    assertThat(t.getHospitalId()).isEqualTo("SA");
                });
        // Two more pulls of the other booking pass; the finished one is not pulled again.
        Object last = lastPull(booking);
        for (int pass = 0; pass < 2; pass++) {
            Object other = lastPull(cancelledHere);
            await().atMost(Duration.ofSeconds(30)).until(() -> !lastPull(cancelledHere).equals(other));
        }
        assertThat(lastPull(booking)).isEqualTo(last);
        assertThat(nextPull(booking)).as("done: outside the due query's range").isNull();
        assertThat(CHECK_INS).containsOnlyOnce(booking);

        // Cancelled here, yet the hospital checks the examinee in: not forced through, a person looks at it.
        BOOKINGS.get(cancelledHere).setStatus(BookingStatus.CANCELLED);
        simulator.checkIn("SA", cancelledHere);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CHECKED_IN".equals(hospitalState(cancelledHere)));
        assertThat(TASK_CALLS.stream().filter(t -> t.getBookingId().equals(cancelledHere)).toList()).singleElement()
                .satisfies(t -> {
                    assertThat(t.getKind()).isEqualTo("ON_SITE_CHANGE");
                    assertThat(t.getReason()).contains("CANCELLED");
                });
    }

    @Test
    void aBookingWeeksAheadIsFirstPulledTheDayBeforeItsExam() throws Exception {
        LocalDate exam = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        String booking = booking("SA", exam.toString());
        send(BookingEvent.CONFIRMED, booking, "SA", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOKED".equals(hospitalState(booking)));
        assertThat(db.queryForObject("SELECT next_pull_at FROM tracked_booking WHERE booking_id = ?",
                java.time.LocalDateTime.class, booking)).isEqualTo(exam.minusDays(1).atStartOfDay());
    }

    @Test
    void credentialsAreStoredEncryptedShownMaskedAndPresentedToTheHospital() throws Exception {
        simulator.requireApiKey("SK", "sk-secret-123");
        assertThat(com.checkup.platform.embedded.BusinessErrors.codeOf(() -> as("TESTER", null, "tester1",
                () -> status.setCredentials("SK", "API_KEY", null, "x")))).isEqualTo("FORBIDDEN");
        assertThat(com.checkup.platform.embedded.BusinessErrors.codeOf(() -> as("OPS", null, "ops1",
                () -> status.setCredentials("SK", "TOKEN", null, "x")))).isEqualTo("VALIDATION_FAILED");
        assertThat(com.checkup.platform.embedded.BusinessErrors.codeOf(() -> as("OPS", null, "ops1",
                () -> status.setCredentials("../SK/x", "API_KEY", null, "x")))).isEqualTo("VALIDATION_FAILED");
        assertThat(com.checkup.platform.embedded.BusinessErrors.codeOf(() -> as("OPS", null, "ops1",
                () -> status.setCredentials("SM", "API_KEY", null, "x")))).as("a MANUAL hospital has no system").isEqualTo("CONFLICT");
        assertThat(com.checkup.platform.embedded.BusinessErrors.codeOf(() -> as("OPS", null, "ops1",
                () -> status.setCredentials("SK", "BASIC", "a:b", "x")))).isEqualTo("VALIDATION_FAILED");
        HospitalSyncStatus set = as("OPS", null, "ops1", () -> status.setCredentials("SK", "API_KEY", null, "sk-secret-123"));
        assertThat(set.getCredentials()).isEqualTo("API_KEY **** for 127.0.0.1:" + simulator.port());
        String stored = service.getBean(DynamicConfiguration.class).getConfig("SK", CredentialVault.GROUP);
        assertThat(stored).startsWith("v1:k1:").doesNotContain("sk-secret-123");

        String booking = booking("SK");
        send(BookingEvent.CONFIRMED, booking, "SK", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.pushes("SK").getOrDefault(booking, 0) == 1);
        assertThat(simulator.unauthorized("SK")).isZero();
        assertThat(as("OPS", null, "ops1", () -> status.status())).filteredOn(x -> "SK".equals(x.getHospitalId()))
                .singleElement().satisfies(x -> assertThat(x.getCredentials()).startsWith("API_KEY ****"));
        // Pointed at another allowed host, the connector goes without them: they are for SK's system only.
        FeatureFlags flags = service.getBean(FeatureFlags.class);
        flags.set(HospitalSync.CONNECTOR, "SK", "HTTP_JSON http://checkup-loopback:" + simulator.port() + "/hospitals/SK");
        await().atMost(Duration.ofSeconds(10)).until(() -> service.getBean(HospitalSync.class).connector("SK").baseUrl()
                .getHost().equals("checkup-loopback"));
        assertThat(service.getBean(HospitalSync.class).connector("SK").credentials()).isNull();
        flags.set(HospitalSync.CONNECTOR, "SK", "HTTP_JSON " + simulator.baseUrl("SK"));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.getBean(HospitalSync.class).connector("SK").credentials() != null);

        // Without them, the hospital refuses: the booking is retried, then handed to people; nothing is lost.
        as("OPS", null, "ops1", () -> status.clearCredentials("SK"));
        String refused = booking("SK");
        send(BookingEvent.CONFIRMED, refused, "SK", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(refused, "GAVE_UP") == 1);
        assertThat(simulator.unauthorized("SK")).isPositive();
    }

    @Test
    void aKeyRotationReencryptsStoredCredentialsAndTheyKeepWorking() throws Exception {
        simulator.requireApiKey("SR", "sr-secret-456");
        DynamicConfiguration config = service.getBean(DynamicConfiguration.class);
        // Stored while k0 was the current key (a vault of the service as it was before the rotation).
        CredentialVault before = new CredentialVault(config, new FieldCipher("k0", Map.of("k0", OLD_KEY)), true);
        as("OPS", null, "ops1", () -> before.store("SR", "API_KEY", null, "sr-secret-456", h -> java.net.URI.create(simulator.baseUrl(h))));
        assertThat(config.getConfig("SR", CredentialVault.GROUP)).startsWith("v1:k0:");

        assertThat(service.getBean(CredentialVault.class).reencrypt()).isPositive();
        assertThat(config.getConfig("SR", CredentialVault.GROUP)).startsWith("v1:k1:");
        assertThat(service.getBean(CredentialVault.class).reencrypt()).as("once").isZero();

        String booking = booking("SR");
        send(BookingEvent.CONFIRMED, booking, "SR", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.pushes("SR").getOrDefault(booking, 0) == 1);
        assertThat(simulator.unauthorized("SR")).isZero();
        // A value copied to another hospital's key does not become that hospital's credentials.
        config.publishConfig("SX2", CredentialVault.GROUP, config.getConfig("SR", CredentialVault.GROUP));
        assertThat(service.getBean(CredentialVault.class).find("SX2")).isEmpty();
    }

    @Test
    void onlyOpsSeeTheSyncStatus() {
        assertThat(com.checkup.platform.embedded.BusinessErrors.codeOf(
                () -> as("CONSUMER", null, "consumer1", () -> status.status()))).isEqualTo("FORBIDDEN");
    }

    @Test
    void eachTierCopyDoesTheWorkOfItsOwnHospitalsOnlyAndEveryBookingReachesItsHospitalOnce() throws Exception {
        // Credentials set through the default copy are for the large copy's hospital: they live in the config center.
        simulator.requireApiKey("TL1", "tl1-secret");
        as("OPS", null, "ops1", () -> service.getBean(HospitalSyncRpcService.class)
                .setCredentials("TL1", "API_KEY", null, "tl1-secret"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        List<String> big = List.of(booking("TL1", today), booking("TL1"), booking("TL1"));
        List<String> small = List.of(booking("TS1", today), booking("TS1"));
        Map<String, String> events = new java.util.LinkedHashMap<>();
        for (String b : big) {
            events.put(b, send(BookingEvent.CONFIRMED, b, BOOKINGS.get(b).getHospitalId(), null));
        }
        for (String b : small) {
            events.put(b, send(BookingEvent.CONFIRMED, b, "TS1", null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events.keySet().stream().allMatch(b -> jobs(b, "DONE") == 1));
        for (String b : events.keySet()) {
            String hospital = BOOKINGS.get(b).getHospitalId();
            assertThat(simulator.pushes(hospital).get(b)).as(b).isEqualTo(1);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM sync_job WHERE booking_id = ?", Integer.class, b)).isEqualTo(1);
            assertThat(db.queryForObject("SELECT attempts FROM sync_job WHERE booking_id = ?", Integer.class, b)).isEqualTo(1);
            // Both copies consumed the event, each in its own group: one job, whichever recorded it first.
            for (String group : List.of("hospital-sync-service-bookings", "hospital-sync-service-bookings_tier_large")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> db.queryForObject("SELECT COUNT(*) FROM processed_event"
                        + " WHERE consumer_group = ? AND event_id = ?", Integer.class, group, events.get(b)) == 1);
            }
        }
        assertThat(simulator.unauthorized("TL1")).isZero();

        // Their hospitals check the examinees in: each copy pulls its own hospital's bookings.
        simulator.checkIn("TL1", big.get(0));
        simulator.checkIn("TS1", small.get(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> CHECK_INS.contains(big.get(0)) && CHECK_INS.contains(small.get(0)));

        // Every call to a hospital's system (push or pull) goes through the circuit of the copy making it.
        assertThat(circuitsOf(large).hospitals()).contains("TL1").allMatch(h -> h.startsWith("TL"));
        assertThat(circuitsOf(service).hospitals()).contains("TS1").doesNotContain("TL1", "TL2");
        assertThat(TASK_CALLS).noneMatch(t -> events.containsKey(t.getBookingId()));
        assertThat(CHECK_INS).containsOnlyOnce(big.get(0), small.get(0));

        // Each copy says which hospitals it serves.
        com.fasterxml.jackson.databind.JsonNode largeInfo = Json.MAPPER.readTree(info(large)).path("hospitalSync");
        assertThat(largeInfo.path("tier").asText()).isEqualTo("large");
        assertThat(largeInfo.path("serves").toString()).isEqualTo("[\"TL1\",\"TL2\"]");
        com.fasterxml.jackson.databind.JsonNode defaultInfo = Json.MAPPER.readTree(info(service)).path("hospitalSync");
        assertThat(defaultInfo.path("tier").asText()).isEqualTo("default");
        assertThat(defaultInfo.path("leavesToTiers").toString()).isEqualTo("[\"TL1\",\"TL2\",\"TN1\"]");
        assertThat(defaultInfo.path("runningCopies").path("large").size()).isEqualTo(1);
    }

    @Test
    void aFailingLargeHospitalOpensItsCircuitInItsOwnCopyWhileTheOthersBookingsAreSynced() throws Exception {
        simulator.behave("TL2", HospitalSimulator.Mode.FAIL, 0);
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            broken.add(booking("TL2"));
            send(BookingEvent.CONFIRMED, broken.get(i), "TL2", null);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> large.getBean(HospitalSync.class).circuit("TL2").equals("OPEN"));
        // Ops see it whichever copy answers: the copy holding the circuit reports it.
        await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(statusAt(service, "TL2").getCircuit())
                && "OPEN".equals(statusAt(large, "TL2").getCircuit()));

        List<String> healthy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            healthy.add(booking("TS1"));
            send(BookingEvent.CONFIRMED, healthy.get(i), "TS1", null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.stream().allMatch(b -> simulator.pushes("TS1").getOrDefault(b, 0) == 1));
        assertThat(statusAt(large, "TS1").getCircuit()).isEqualTo("CLOSED");

        await().atMost(Duration.ofSeconds(60)).until(() -> broken.stream().allMatch(b -> jobs(b, "GAVE_UP") == 1));
        for (String b : broken) {
            assertThat(TASK_CALLS.stream().filter(t -> t.getBookingId().equals(b)).toList()).singleElement()
                    .satisfies(t -> assertThat(t.getKind()).isEqualTo("SYNC_FAILED"));
        }
        assertThat(simulator.requests("TL2")).isLessThan(18);
        assertThat(circuitsOf(service).hospitals()).doesNotContain("TL2");
        assertThat(statusAt(service, "TL2").getGaveUp()).isEqualTo(statusAt(large, "TL2").getGaveUp()).isEqualTo(6);
        simulator.behave("TL2", HospitalSimulator.Mode.OK, 0);
    }

    @Test
    void aTierWhoseCopyIsNotRunningHasItsBookingsWaitWhileTheOthersFlowThenItsCopyCatchesUp() throws Exception {
        // No copy of tier north runs yet (as when its copy is down): the other copies record its bookings, and leave
        // them alone.
        assertThat(service.getBean(SyncCopies.class).live()).noneMatch(c -> c.tier().equals("north"));
        String waiting = booking("TN1");
        send(BookingEvent.CONFIRMED, waiting, "TN1", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(waiting, "PENDING") == 1);
        String flowing = booking("TS1");
        send(BookingEvent.CONFIRMED, flowing, "TS1", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(flowing, "DONE") == 1);
        // The default copy ran a job due after the waiting one, which neither running copy touched.
        assertThat(db.queryForObject("SELECT attempts FROM sync_job WHERE booking_id = ?", Integer.class, waiting)).isZero();
        assertThat(simulator.pushes("TN1")).doesNotContainKey(waiting);
        assertThat(circuitsOf(service).hospitals()).doesNotContain("TN1");
        assertThat(circuitsOf(large).hospitals()).doesNotContain("TN1");

        // Its copy starts: the booking reaches its hospital, once.
        north = startCopy("north");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(waiting, "DONE") == 1);
        assertThat(simulator.pushes("TN1").get(waiting)).isEqualTo(1);
        assertThat(circuitsOf(north).hospitals()).containsExactly("TN1");
        assertThat(service.getBean(SyncCopies.class).live()).anyMatch(c -> c.tier().equals("north"));
        assertThat(CopyReport.maps(service.getBean(SyncCopies.class).live())).containsExactly(TIERS);
    }

    @Test
    void aCopyNamingATierNotInTheMapDoesNotStart() {
        assertThatThrownBy(() -> startCopy("south")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkup.sync.tier is 'south', which is no tier of checkup.sync.tiers (large, north); leave it"
                        + " empty for the default copy, which serves every hospital in no tier");
        assertThatThrownBy(() -> new SpringApplicationBuilder(HospitalSyncServiceApplication.class)
                .run("--checkup.sync.tiers=large=TL1;north=TL1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hospital TL1 is in tiers 'large' and 'north'");
    }

    private static String circuit(String hospital) {
        return service.getBean(HospitalSync.class).circuit(hospital);
    }

    private static String info(ConfigurableApplicationContext copy) throws Exception {
        String url = "http://127.0.0.1:" + copy.getEnvironment().getProperty("local.server.port") + "/actuator/info";
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HospitalCircuits circuitsOf(ConfigurableApplicationContext copy) {
        return copy.getBean(HospitalCircuits.class);
    }

    /** Ops' view of a hospital, asked of one given copy. */
    private static HospitalSyncStatus statusAt(ConfigurableApplicationContext copy, String hospital) {
        return as("OPS", null, "ops1", () -> copy.getBean(HospitalSyncRpcService.class).status()).stream()
                .filter(s -> s.getHospitalId().equals(hospital)).findFirst().orElseThrow();
    }

    private static int jobs(String booking, String state) {
        return db.queryForObject("SELECT COUNT(*) FROM sync_job WHERE booking_id = ? AND status = ?", Integer.class, booking, state);
    }

    private static Object lastPull(String booking) {
        return db.queryForObject("SELECT updated_at FROM tracked_booking WHERE booking_id = ?", Object.class, booking);
    }

    private static Object nextPull(String booking) {
        return db.queryForObject("SELECT next_pull_at FROM tracked_booking WHERE booking_id = ?", Object.class, booking);
    }

    private static String hospitalState(String booking) {
        List<String> s = db.queryForList("SELECT hospital_state FROM tracked_booking WHERE booking_id = ?", String.class, booking);
        return s.isEmpty() ? null : s.get(0);
    }

    private static String booking(String hospital) {
        return booking(hospital, "2026-12-01");
    }

    private static String booking(String hospital, String date) {
        BookingView v = new BookingView();
        v.setBookingId("B-" + UUID.randomUUID());
        v.setHospitalId(hospital);
        v.setPackageId(hospital + "-GEN");
        v.setDate(date);
        v.setPeriod("MORNING");
        v.setExamineeName("李雷");
        v.setStatus(BookingStatus.CONFIRMED);
        BOOKINGS.put(v.getBookingId(), v);
        return v.getBookingId();
    }

    private static String send(String type, String booking, String hospital, String eventId) throws Exception {
        BookingEvent e = new BookingEvent();
        e.setBookingId(booking);
        e.setHospitalId(hospital);
        e.setStatus(BookingEvent.CANCELLED.equals(type) ? BookingStatus.CANCELLED : BookingStatus.CONFIRMED);
        String id = eventId == null ? UUID.randomUUID().toString() : eventId;
        Message m = new Message(Topics.BOOKING, type, booking, Json.MAPPER.writeValueAsBytes(e));
        EventHeaders.stamp(m, EventHeaders.of(CallContext.newRoot(), id, type));
        producer.send(m);
        return id;
    }

    /** booking-service as hospital-sync reads it (as SYSTEM): any booking by id. */
    static final class BookingsStandIn {
        BookingView get(String bookingId) {
            BookingView v = BOOKINGS.get(bookingId);
            if (v == null) {
                throw new BusinessException(ErrorCode.NOT_FOUND, "No booking " + bookingId);
            }
            return v;
        }
    }

    /** booking-service's side of a hospital's check-in: CONFLICT unless confirmed (or already checked in). */
    static final class FeedStandIn {
        BookingView checkedIn(String bookingId) {
            BookingView v = BOOKINGS.get(bookingId);
            if (v.getStatus() != BookingStatus.CONFIRMED && v.getStatus() != BookingStatus.CHECKED_IN) {
                throw new BusinessException(ErrorCode.CONFLICT, "Booking " + bookingId + " is " + v.getStatus()
                        + " and cannot be checked in");
            }
            CHECK_INS.add(bookingId);
            v.setStatus(BookingStatus.CHECKED_IN);
            return v;
        }
    }

    /** Records every openTask call; like the real one, the same key answers the same task. */
    static final class FulfillmentStandIn {
        private final Map<String, TaskView> byKey = new ConcurrentHashMap<>();

        TaskView openTask(OpenTaskRequest r) {
            TASK_CALLS.add(r);
            return byKey.computeIfAbsent(r.getKey(), k -> {
                TaskView t = new TaskView();
                t.setTaskId("T-" + UUID.randomUUID());
                return t;
            });
        }
    }
}
