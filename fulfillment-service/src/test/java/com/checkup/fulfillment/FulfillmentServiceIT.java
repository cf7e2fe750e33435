package com.checkup.fulfillment;

import static com.checkup.platform.embedded.Acting.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.DeskService;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.fulfillment.FulfillmentService;
import com.checkup.contracts.fulfillment.OpenTaskRequest;
import com.checkup.contracts.fulfillment.ReportFile;
import com.checkup.contracts.fulfillment.ReportService;
import com.checkup.contracts.fulfillment.ReportView;
import com.checkup.contracts.fulfillment.TaskEntry;
import com.checkup.contracts.fulfillment.TaskView;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.StandIn;
import com.checkup.platform.embedded.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.dubbo.config.ReferenceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * fulfillment-service for real (own database, ZooKeeper, RocketMQ, a report directory), with booking-service's desk
 * side stood in for by a Dubbo provider that answers from bookings the test sets up, scoped like the real one.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class FulfillmentServiceIT {
    private static final Map<String, BookingView> BOOKINGS = new ConcurrentHashMap<>();
    private static DubboApps apps;
    private static ConfigurableApplicationContext service;
    private static FulfillmentService tasks;
    private static ReportService reports;
    private static JdbcTemplate db;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        infra.mariaDb().createDatabase("fulfillment_it");
        infra.rocketMq().createTopic(Topics.REPORT);
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        apps.app("desk-standin", null).provide(DeskService.class, StandIn.of(DeskService.class, new DeskStandIn())).start();
        Path reportsDir = Files.createTempDirectory(Path.of("target"), "reports");
        service = new SpringApplicationBuilder(FulfillmentServiceApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl("fulfillment_it"),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.reports.dir=" + reportsDir.toAbsolutePath(),
                "--checkup.reports.max-bytes=100000");
        db = service.getBean(JdbcTemplate.class);
        DubboApps.App client = apps.app("fulfillment-client", null);
        ReferenceConfig<FulfillmentService> t = client.refer(FulfillmentService.class);
        ReferenceConfig<ReportService> r = client.refer(ReportService.class);
        client.start();
        tasks = t.get();
        reports = r.get();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> code(() -> as("OPS", null, "ops1", () -> tasks.task("none"))).equals("NOT_FOUND"));
    }

    @AfterAll
    static void stop() {
        apps.close();
        service.close();
    }

    @Test
    void aTaskIsOpenedOncePerKeyWorkedByOnePersonAndAudited() {
        OpenTaskRequest r = new OpenTaskRequest();
        r.setKey("sync:B-1:push");
        r.setHospitalId("HT1");
        r.setBookingId("B-1");
        r.setKind("SYNC_FAILED");
        r.setReason("push failed 5 times: HTTP 500");
        TaskView first = as("SYSTEM", null, "hospital-sync-service", () -> tasks.openTask(r));
        TaskView again = as("SYSTEM", null, "hospital-sync-service", () -> tasks.openTask(r));
        assertThat(again.getTaskId()).isEqualTo(first.getTaskId());
        assertThat(db.queryForObject("SELECT COUNT(*) FROM fulfillment_task WHERE task_key = ?", Integer.class, r.getKey())).isEqualTo(1);

        // Scope: the desk of HT1 sees it, the desk of HT2 does not, HR never gets in, a consumer cannot open tasks.
        assertThat(as("DESK", "HT1", "desk.ht1", () -> tasks.tasks(null))).extracting(TaskView::getTaskId).contains(first.getTaskId());
        assertThat(as("DESK", "HT2", "desk.ht2", () -> tasks.tasks(null))).extracting(TaskView::getTaskId).doesNotContain(first.getTaskId());
        assertThat(code(() -> as("DESK", "HT2", "desk.ht2", () -> tasks.claim(first.getTaskId())))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> as("HR", "ACME", "hr.acme", () -> tasks.tasks(null)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("CONSUMER", null, "consumer1", () -> tasks.openTask(r)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("DESK", "HT1", "desk.ht1", () -> tasks.resolve(first.getTaskId(), "DONE-ISH", null))))
                .isEqualTo("VALIDATION_FAILED");

        TaskView claimed = as("DESK", "HT1", "desk.ht1", () -> tasks.claim(first.getTaskId()));
        assertThat(claimed.getStatus()).isEqualTo("CLAIMED");
        assertThat(as("DESK", "HT1", "desk.ht1", () -> tasks.claim(first.getTaskId())).getStatus()).isEqualTo("CLAIMED");
        assertThat(code(() -> as("DESK", "HT1", "desk2.ht1", () -> tasks.resolve(first.getTaskId(), "FULFILLED", "x"))))
                .isEqualTo("CONFLICT");
        TaskView resolved = as("DESK", "HT1", "desk.ht1",
                () -> tasks.resolve(first.getTaskId(), "fulfilled", "Phoned the hospital, booked by hand"));
        assertThat(resolved.getStatus()).isEqualTo("RESOLVED");
        assertThat(resolved.getOutcome()).isEqualTo("FULFILLED");
        assertThat(resolved.getHistory()).extracting(TaskEntry::getAction, TaskEntry::getActor).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OPENED", "SYSTEM:hospital-sync-service"),
                org.assertj.core.groups.Tuple.tuple("CLAIMED", "DESK:desk.ht1"),
                org.assertj.core.groups.Tuple.tuple("RESOLVED", "DESK:desk.ht1"));
        assertThat(code(() -> as("OPS", null, "ops1", () -> tasks.resolve(first.getTaskId(), "NOT_NEEDED", null))))
                .isEqualTo("CONFLICT");
        assertThat(as("OPS", null, "ops1", () -> tasks.tasks("RESOLVED"))).extracting(TaskView::getTaskId).contains(first.getTaskId());
    }

    @Test
    void onlyTheExamineeAndTheDeskOfTheHospitalReadAReportAndEveryAccessIsAudited() {
        String booking = booking("HR1", "consumer1", BookingStatus.CHECKED_IN);
        byte[] pdf = pdf("report of " + booking);
        ReportView stored = as("DESK", "HR1", "desk.hr1", () -> reports.upload(booking, "../Blood & CT.pdf", pdf));
        assertThat(stored.getFileName()).isEqualTo("Blood___CT.pdf");
        assertThat(stored.getSizeBytes()).isEqualTo(pdf.length);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE event_type = 'report.ready' AND message_key = ?",
                Integer.class, booking)).isEqualTo(1);

        ReportFile mine = as("CONSUMER", null, "consumer1", () -> reports.download(booking));
        assertThat(mine.getContent()).isEqualTo(pdf);
        assertThat(mine.getContentType()).isEqualTo("application/pdf");
        assertThat(as("DESK", "HR1", "desk.hr1", () -> reports.download(booking)).getContent()).isEqualTo(pdf);

        assertThat(code(() -> as("CONSUMER", null, "consumer2", () -> reports.download(booking)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("DESK", "HR2", "desk.hr2", () -> reports.download(booking)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("HR", "ACME", "hr.acme", () -> reports.download(booking)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("OPS", null, "ops1", () -> reports.download(booking)))).isEqualTo("FORBIDDEN");
        // Another hospital's desk cannot put a report on it either (to it the booking does not exist).
        assertThat(code(() -> as("DESK", "HR2", "desk.hr2", () -> reports.upload(booking, "x.pdf", pdf)))).isEqualTo("NOT_FOUND");

        List<Map<String, Object>> audit = db.queryForList(
                "SELECT actor, action, allowed FROM report_access_audit WHERE booking_id = ? ORDER BY id", booking);
        assertThat(audit).extracting(m -> m.get("actor") + " " + m.get("action") + " " + m.get("allowed")).containsExactly(
                "DESK:desk.hr1 UPLOAD true", "CONSUMER:consumer1 DOWNLOAD true", "DESK:desk.hr1 DOWNLOAD true",
                "CONSUMER:consumer2 DOWNLOAD false", "DESK:desk.hr2 DOWNLOAD false", "HR:hr.acme DOWNLOAD false",
                "OPS:ops1 DOWNLOAD false", "DESK:desk.hr2 UPLOAD false");
    }

    @Test
    void aReportNeedsACheckedInBookingAndARealPdfWithinTheLimit() {
        String confirmed = booking("HR1", "consumer1", BookingStatus.CONFIRMED);
        String checkedIn = booking("HR1", "consumer1", BookingStatus.CHECKED_IN);
        assertThat(code(() -> as("DESK", "HR1", "desk.hr1", () -> reports.upload(confirmed, "r.pdf", pdf("x")))))
                .isEqualTo("CONFLICT");
        assertThat(code(() -> as("DESK", "HR1", "desk.hr1",
                () -> reports.upload(checkedIn, "r.pdf", "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> as("DESK", "HR1", "desk.hr1", () -> reports.upload(checkedIn, "r.pdf", new byte[0]))))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> as("DESK", "HR1", "desk.hr1", () -> reports.upload(checkedIn, "r.pdf", pdf("x".repeat(100_001))))))
                .isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(code(() -> as("CONSUMER", null, "consumer1", () -> reports.download(checkedIn)))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> as("CONSUMER", null, "consumer1", () -> reports.upload(checkedIn, "r.pdf", pdf("x")))))
                .isEqualTo("FORBIDDEN");
        // A replaced report: the examinee gets the new one.
        as("DESK", "HR1", "desk.hr1", () -> reports.upload(checkedIn, "r.pdf", pdf("first")));
        byte[] second = pdf("second");
        as("DESK", "HR1", "desk.hr1", () -> reports.upload(checkedIn, "r2.pdf", second));
        ReportFile f = as("CONSUMER", null, "consumer1", () -> reports.download(checkedIn));
        assertThat(f.getContent()).isEqualTo(second);
        assertThat(f.getFileName()).isEqualTo("r2.pdf");
    }

    private static String booking(String hospital, String consumer, BookingStatus status) {
        BookingView v = new BookingView();
        v.setBookingId("B-" + UUID.randomUUID());
        v.setHospitalId(hospital);
        v.setConsumerId(consumer);
        v.setStatus(status);
        BOOKINGS.put(v.getBookingId(), v);
        return v.getBookingId();
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String code(Runnable r) {
        return BusinessErrors.codeOf(r);
    }

    /** booking-service's desk side as far as reports use it: a booking of the caller's hospital, else NOT_FOUND. */
    static final class DeskStandIn {
        BookingView booking(String id) {
            String hospital = CallContextHolder.current().map(c -> c.tenantId()).orElse(null);
            BookingView v = BOOKINGS.get(id);
            if (v == null || !v.getHospitalId().equals(hospital)) {
                throw new BusinessException(ErrorCode.NOT_FOUND, "No booking " + id + " at this hospital");
            }
            return v;
        }
    }
}
