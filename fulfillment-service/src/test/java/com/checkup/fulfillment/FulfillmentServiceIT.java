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
import com.checkup.contracts.fulfillment.ReportAccessView;
import com.checkup.contracts.fulfillment.ReportFile;
import com.checkup.contracts.fulfillment.ReportService;
import com.checkup.contracts.fulfillment.ReportView;
import com.checkup.contracts.fulfillment.TaskEntry;
import com.checkup.contracts.fulfillment.TaskPage;
import com.checkup.contracts.fulfillment.TaskView;
import com.checkup.fulfillment.storage.EmbeddedS3Mock;
import com.checkup.fulfillment.storage.S3MockExtension;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.embedded.DubboApps;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.StandIn;
import com.checkup.platform.embedded.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * fulfillment-service for real (own database, ZooKeeper, RocketMQ, report files in an S3-API bucket as in k8s, on
 * S3Mock), with booking-service's desk side stood in for by a Dubbo provider that answers from bookings the test sets
 * up, scoped like the real one.
 */
@ExtendWith({S3MockExtension.class, EmbeddedInfraExtension.class}) // S3Mock first: it starts while the infra does
class FulfillmentServiceIT {
    private static final Map<String, BookingView> BOOKINGS = new ConcurrentHashMap<>();
    private static DubboApps apps;
    private static ConfigurableApplicationContext service;
    private static FulfillmentService tasks;
    private static ReportService reports;
    private static JdbcTemplate db;
    private static S3Client bucket;

    @BeforeAll
    static void start(TestInfrastructure infra, EmbeddedS3Mock s3mock) throws Exception {
        infra.mariaDb().createDatabase("fulfillment_it");
        infra.rocketMq().createTopic(Topics.REPORT);
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        apps.app("desk-standin", null).provide(DeskService.class, StandIn.of(DeskService.class, new DeskStandIn())).start();
        service = new SpringApplicationBuilder(FulfillmentServiceApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=" + LoopbackPorts.freePort(),
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl("fulfillment_it"),
                "--spring.datasource.username=root",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                // the store k8s uses, switched on by configuration alone (credentials: any, S3Mock does not check)
                "--checkup.reports.store=s3",
                "--checkup.reports.s3.endpoint=" + s3mock.endpoint(),
                "--checkup.reports.s3.region=" + EmbeddedS3Mock.REGION,
                "--checkup.reports.s3.bucket=" + EmbeddedS3Mock.BUCKET,
                "--checkup.reports.s3.path-style=true",
                "--checkup.reports.s3.key-prefix=fulfillment-it",
                "--checkup.reports.s3.access-key-id=it-" + UUID.randomUUID(),
                "--checkup.reports.s3.secret-access-key=" + UUID.randomUUID(),
                "--checkup.reports.max-bytes=100000");
        db = service.getBean(JdbcTemplate.class);
        bucket = s3mock.client();
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
        bucket.close();
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
        assertThat(as("DESK", "HT1", "desk.ht1", () -> queue(null, null, null, null))).extracting(TaskView::getTaskId).contains(first.getTaskId());
        assertThat(as("DESK", "HT2", "desk.ht2", () -> queue(null, null, null, null))).extracting(TaskView::getTaskId).doesNotContain(first.getTaskId());
        assertThat(code(() -> as("DESK", "HT2", "desk.ht2", () -> tasks.claim(first.getTaskId())))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> as("HR", "ACME", "hr.acme", () -> queue(null, null, null, null)))).isEqualTo("FORBIDDEN");
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
        assertThat(as("OPS", null, "ops1", () -> queue("RESOLVED", null, "HT1", null))).extracting(TaskView::getTaskId).contains(first.getTaskId());
    }

    @Test
    void onlyTheExamineeAndTheDeskOfTheHospitalReadAReportAndEveryAccessIsAudited() {
        String booking = booking("HR1", "consumer1", BookingStatus.CHECKED_IN);
        byte[] pdf = pdf("report of " + booking);
        ReportView stored = as("DESK", "HR1", "desk.hr1", () -> reports.upload(booking, "../Blood & CT.pdf", pdf));
        assertThat(stored.getFileName()).isEqualTo("Blood___CT.pdf");
        assertThat(stored.getSizeBytes()).isEqualTo(pdf.length);
        // In the bucket under the configured prefix, encrypted at rest; read only through the service (below).
        String key = db.queryForObject("SELECT storage_key FROM report_file WHERE id = ?", String.class, stored.getReportId());
        HeadObjectResponse object = bucket.headObject(b -> b.bucket(EmbeddedS3Mock.BUCKET).key("fulfillment-it/" + key));
        assertThat(object.contentLength()).isEqualTo(pdf.length);
        assertThat(object.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
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
    void theDeskOfTheHospitalSeesWhoUploadedAndTriedToReadAReportNewestFirst() {
        String booking = booking("HA1", "consumer1", BookingStatus.CHECKED_IN);
        as("DESK", "HA1", "desk.ha1", () -> reports.upload(booking, "r.pdf", pdf("report of " + booking)));
        as("CONSUMER", null, "consumer1", () -> reports.download(booking));
        assertThat(code(() -> as("DESK", "HA2", "desk.ha2", () -> reports.download(booking)))).isEqualTo("FORBIDDEN");

        List<ReportAccessView> seen = as("DESK", "HA1", "desk.ha1", () -> reports.accesses(booking));
        assertThat(seen).extracting(a -> a.getActor() + " " + a.getAction() + " " + a.isAllowed()).containsExactly(
                "DESK:desk.ha2 DOWNLOAD false", "CONSUMER:consumer1 DOWNLOAD true", "DESK:desk.ha1 UPLOAD true");
        assertThat(seen.get(0).getReason()).startsWith("FORBIDDEN");
        assertThat(seen.get(1).getReason()).isNull();
        for (int i = 1; i < seen.size(); i++) {
            assertThat(Instant.parse(seen.get(i - 1).getAt())).isAfterOrEqualTo(Instant.parse(seen.get(i).getAt()));
        }
        assertThat(Instant.parse(seen.get(2).getAt())).isAfter(Instant.now().minus(Duration.ofMinutes(5)));

        // To another hospital's desk the booking does not exist; nobody but a desk reads the audit, not even the examinee.
        assertThat(code(() -> as("DESK", "HA2", "desk.ha2", () -> reports.accesses(booking)))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> as("CONSUMER", null, "consumer1", () -> reports.accesses(booking)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("HR", "ACME", "hr.acme", () -> reports.accesses(booking)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("OPS", null, "ops1", () -> reports.accesses(booking)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("DESK", "HA1", "desk.ha1", () -> reports.accesses("B-none")))).isEqualTo("NOT_FOUND");
        // Reading the audit is not an access to the report: it adds nothing.
        assertThat(as("DESK", "HA1", "desk.ha1", () -> reports.accesses(booking))).hasSize(3);

        // A booking without a report yet shows the attempts on it.
        String confirmed = booking("HA1", "consumer1", BookingStatus.CONFIRMED);
        assertThat(code(() -> as("DESK", "HA1", "desk.ha1", () -> reports.upload(confirmed, "r.pdf", pdf("x"))))).isEqualTo("CONFLICT");
        assertThat(as("DESK", "HA1", "desk.ha1", () -> reports.accesses(confirmed))).singleElement().satisfies(a -> {
            assertThat(a.getAction()).isEqualTo("UPLOAD");
            assertThat(a.isAllowed()).isFalse();
            assertThat(a.getReason()).startsWith("CONFLICT");
        });

        // At most the 200 newest.
        String busy = booking("HA1", "consumer1", BookingStatus.COMPLETED);
        LocalDateTime base = LocalDateTime.now(ZoneOffset.UTC).minusHours(1);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            rows.add(new Object[] {busy, base.plusSeconds(i), "CONSUMER:c" + i});
        }
        db.batchUpdate("INSERT INTO report_access_audit (booking_id, at, actor, action, allowed) VALUES (?, ?, ?, 'DOWNLOAD', TRUE)", rows);
        List<ReportAccessView> many = as("DESK", "HA1", "desk.ha1", () -> reports.accesses(busy));
        assertThat(many).hasSize(200);
        assertThat(many.get(0).getActor()).isEqualTo("CONSUMER:c204");
        assertThat(many.get(199).getActor()).isEqualTo("CONSUMER:c5");
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

    @Test
    void theQueueIsNewestFirstAndACursorWalksItWithoutGapsOrRepeats() {
        List<QueuedTask> seeded = seedQueue("HQ1", 130);
        seedQueue("HQ2", 5);
        List<String> expected = newestFirst(seeded.stream().filter(t -> !t.status().equals("RESOLVED")));

        // Default page: the 50 newest open or claimed tasks of the desk's hospital, and a cursor for more.
        TaskPage first = as("DESK", "HQ1", "desk.hq1", () -> tasks.tasks(null, null, null, null, null, null));
        assertThat(first.getItems()).extracting(TaskView::getTaskId).containsExactlyElementsOf(expected.subList(0, 50));
        assertThat(first.getNextCursor()).isNotBlank();

        // Page by page, 7 at a time (triples share a creation time: the id breaks the tie across page ends). A task
        // opened during the walk is newer than the cursor: it neither shifts later pages nor repeats a row.
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String after = cursor;
            TaskPage page = as("DESK", "HQ1", "desk.hq1", () -> tasks.tasks(null, null, null, null, after, 7));
            walked.addAll(page.getItems().stream().map(TaskView::getTaskId).toList());
            assertThat(page.getItems()).hasSize(page.getNextCursor() == null ? expected.size() - 7 * pages : 7);
            cursor = page.getNextCursor();
            if (++pages == 2) {
                openTask("queue:HQ1:late", "HQ1", "B-late", "ON_SITE_CHANGE");
            }
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 6) / 7);
        // The late task heads the queue on the next first page.
        assertThat(as("DESK", "HQ1", "desk.hq1", () -> tasks.tasks(null, null, null, null, null, 1)).getItems())
                .extracting(TaskView::getBookingId).containsExactly("B-late");

        // A page exactly as long as what is left is the last: no cursor to an empty page.
        List<String> resolved = newestFirst(seeded.stream().filter(t -> t.status().equals("RESOLVED")));
        TaskPage allResolved = as("DESK", "HQ1", "desk.hq1", () -> tasks.tasks("RESOLVED", null, null, null, null, resolved.size()));
        assertThat(allResolved.getItems()).extracting(TaskView::getTaskId).containsExactlyElementsOf(resolved);
        assertThat(allResolved.getNextCursor()).isNull();

        // Ops walk every hospital's queue the same way, newest first, nothing twice.
        List<TaskView> everything = walk("OPS", null, "ops1", null, null, null, 200);
        assertThat(everything).extracting(TaskView::getTaskId).doesNotHaveDuplicates()
                .containsAll(expected).noneMatch(id -> resolved.contains(id));
        assertThat(everything).extracting(TaskView::getHospitalId).contains("HQ1", "HQ2");
        for (int i = 1; i < everything.size(); i++) {
            TaskView a = everything.get(i - 1);
            TaskView b = everything.get(i);
            assertThat(Instant.parse(a.getCreatedAt()).compareTo(Instant.parse(b.getCreatedAt())) > 0
                    || a.getCreatedAt().equals(b.getCreatedAt()) && a.getTaskId().compareTo(b.getTaskId()) > 0)
                    .as("%s before %s", a.getTaskId(), b.getTaskId()).isTrue();
        }
    }

    @Test
    void theQueueFiltersByStatusKindHospitalAndBookingAndADeskSeesOnlyItsOwnHospital() {
        List<QueuedTask> seeded = seedQueue("HF1", 40);
        List<QueuedTask> other = seedQueue("HF2", 12);

        for (String status : List.of("OPEN", "CLAIMED", "RESOLVED")) {
            assertThat(walk("DESK", "HF1", "desk.hf1", status.toLowerCase(), null, null, 200))
                    .extracting(TaskView::getTaskId).as(status)
                    .containsExactlyElementsOf(newestFirst(seeded.stream().filter(t -> t.status().equals(status))));
        }
        assertThat(walk("DESK", "HF1", "desk.hf1", null, "MANUAL_HOSPITAL", null, 5)).extracting(TaskView::getTaskId)
                .containsExactlyElementsOf(newestFirst(seeded.stream()
                        .filter(t -> t.kind().equals("MANUAL_HOSPITAL") && !t.status().equals("RESOLVED"))));
        assertThat(walk("DESK", "HF1", "desk.hf1", "OPEN", "SYNC_FAILED", null, 3)).extracting(TaskView::getTaskId)
                .containsExactlyElementsOf(newestFirst(seeded.stream()
                        .filter(t -> t.kind().equals("SYNC_FAILED") && t.status().equals("OPEN"))));
        // A booking's tasks, exactly that booking (two open tasks share B-HF1-shared).
        assertThat(as("DESK", "HF1", "desk.hf1", () -> queue(null, null, null, "B-HF1-shared")))
                .extracting(TaskView::getBookingId).containsOnly("B-HF1-shared").hasSize(2);
        assertThat(as("DESK", "HF1", "desk.hf1", () -> queue(null, null, null, "B-HF1-shared".substring(0, 8)))).isEmpty();

        // A desk: its own hospital only, whatever it asks. Naming its own is fine; another is refused.
        assertThat(walk("DESK", "HF2", "desk.hf2", null, null, null, 200)).extracting(TaskView::getHospitalId).containsOnly("HF2")
                .hasSize((int) other.stream().filter(t -> !t.status().equals("RESOLVED")).count());
        assertThat(as("DESK", "HF2", "desk.hf2", () -> queue(null, null, "HF2", null))).extracting(TaskView::getHospitalId)
                .containsOnly("HF2");
        assertThat(code(() -> as("DESK", "HF2", "desk.hf2", () -> queue(null, null, "HF1", null)))).isEqualTo("FORBIDDEN");
        assertThat(as("DESK", "HF2", "desk.hf2", () -> queue(null, null, null, "B-HF1-shared"))).as("another hospital's booking")
                .isEmpty();
        // Ops: any hospital, or all.
        assertThat(walk("OPS", null, "ops1", "RESOLVED", null, "HF1", 200)).extracting(TaskView::getTaskId)
                .containsExactlyElementsOf(newestFirst(seeded.stream().filter(t -> t.status().equals("RESOLVED"))));
        assertThat(as("OPS", null, "ops1", () -> queue(null, null, null, "B-HF1-shared"))).hasSize(2);
        assertThat(code(() -> as("HR", "ACME", "hr.acme", () -> queue(null, null, null, null)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("CONSUMER", null, "consumer1", () -> queue(null, null, null, null)))).isEqualTo("FORBIDDEN");
    }

    @Test
    void aBadCursorLimitStatusOrKindIsRefusedNamingIt() {
        seedQueue("HV1", 3);
        Map<String, Runnable> bad = new java.util.LinkedHashMap<>();
        bad.put("cursor", () -> tasks.tasks(null, null, null, null, "not-a-cursor", null));
        bad.put("cursor ", () -> tasks.tasks(null, null, null, null,
                java.util.Base64.getUrlEncoder().encodeToString("v1|yesterday|T-1".getBytes(StandardCharsets.UTF_8)), null));
        bad.put("limit must", () -> tasks.tasks(null, null, null, null, null, 0));
        bad.put("limit must ", () -> tasks.tasks(null, null, null, null, null, 201));
        bad.put("status", () -> tasks.tasks("DONE", null, null, null, null, null));
        bad.put("kind", () -> tasks.tasks(null, "PHONE_CALL", null, null, null, null));
        bad.forEach((field, call) -> {
            BusinessException e = org.junit.jupiter.api.Assertions.assertThrows(BusinessException.class,
                    () -> as("DESK", "HV1", "desk.hv1", () -> {
                        call.run();
                        return null;
                    }));
            assertThat(e.getCode()).as(field).isEqualTo("VALIDATION_FAILED");
            assertThat(e.getMessage()).as(field).contains(field.trim());
        });
        // The limits themselves are fine (of the 3 seeded, the first is resolved: 2 in the open queue).
        assertThat(as("DESK", "HV1", "desk.hv1", () -> tasks.tasks(null, null, null, null, null, 200)).getItems()).hasSize(2);
        assertThat(as("DESK", "HV1", "desk.hv1", () -> tasks.tasks(" ", " ", "", " ", "", 1)).getItems()).as("blank: no filter")
                .hasSize(1);
    }

    /** A task as seeded: id, status, kind and creation time (UTC). */
    private record QueuedTask(String id, String status, String kind, LocalDateTime createdAt) {
    }

    /**
     * Seeds {@code n} tasks of a hospital straight into the table, an hour ago and older, three at a time sharing a
     * creation time (ties the id must break), in shuffled id order; every 5th RESOLVED, every 4th (else) CLAIMED, kinds
     * in turn, and two open tasks on booking {@code B-<hospital>-shared}.
     */
    private static List<QueuedTask> seedQueue(String hospital, int n) {
        LocalDateTime base = LocalDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(123_000_000);
        List<String> kinds = List.of("SYNC_FAILED", "MANUAL_HOSPITAL", "ON_SITE_CHANGE", "REPORT_AT_HOSPITAL");
        List<QueuedTask> out = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int order = (i * 37) % n; // ids not in creation order
            String id = "T-" + hospital + "-" + UUID.randomUUID().toString().substring(0, 8) + String.format("-%03d", order);
            String status = i % 5 == 0 ? "RESOLVED" : i % 4 == 0 ? "CLAIMED" : "OPEN";
            String kind = kinds.get(i % kinds.size());
            LocalDateTime at = base.minusSeconds(i / 3);
            String booking = i == 1 || i == 2 ? "B-" + hospital + "-shared" : "B-" + hospital + "-" + i;
            out.add(new QueuedTask(id, status, kind, at));
            rows.add(new Object[] {id, "seed:" + id, hospital, booking, kind, status, status.equals("OPEN") ? null : "DESK:seed",
                    status.equals("RESOLVED") ? "FULFILLED" : null, at, at});
        }
        db.batchUpdate("INSERT INTO fulfillment_task (id, task_key, hospital_id, booking_id, kind, status, claimed_by, outcome,"
                + " created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,0)", rows);
        return out;
    }

    /** Ids newest first, as the queue orders them (creation time, then id, both descending). */
    private static List<String> newestFirst(java.util.stream.Stream<QueuedTask> tasks) {
        return tasks.sorted(Comparator.comparing(QueuedTask::createdAt).thenComparing(QueuedTask::id).reversed())
                .map(QueuedTask::id).toList();
    }

    /** Every page of a filtered queue, following the cursors, as the caller. */
    private static List<TaskView> walk(String persona, String tenant, String user, String status, String kind, String hospital,
                                       int limit) {
        List<TaskView> all = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            TaskPage page = as(persona, tenant, user, () -> tasks.tasks(status, kind, hospital, null, after, limit));
            all.addAll(page.getItems());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return all;
    }

    /** The first page (of 200) of a filtered queue. */
    private static List<TaskView> queue(String status, String kind, String hospital, String booking) {
        return tasks.tasks(status, kind, hospital, booking, null, 200).getItems();
    }

    private static void openTask(String key, String hospital, String booking, String kind) {
        OpenTaskRequest r = new OpenTaskRequest();
        r.setKey(key);
        r.setHospitalId(hospital);
        r.setBookingId(booking);
        r.setKind(kind);
        as("SYSTEM", null, "hospital-sync-service", () -> tasks.openTask(r));
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
