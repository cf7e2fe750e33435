package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A booking made real at the hospital, through the gateway on the platform as local-platform starts it: pushed to the
 * hospital's system (the simulator), checked in, its report uploaded by the desk and read by the examinee only;
 * a MANUAL hospital's booking worked by hand from the fulfillment queue.
 */
@ExtendWith(E2ePlatform.class)
class HospitalOperationsIT {
    @org.junit.jupiter.api.BeforeAll
    static void servicesDiscovered() {
        // Ready services register within a moment; the gateway learns of them from the registry.
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("ops1", "/api/ops/hospital-sync").status() == 200
                && Http.get("ops1", "/api/desk/fulfillment/tasks").status() == 200
                && Http.get("ops1", "/api/ops/messages/dead-letters").status() == 200);
    }

    @Test
    void aBookingReachesTheHospitalIsCheckedInAndItsReportIsReadByTheExamineeOnly() {
        String id = paidBooking("consumer1", GatewayIT.inDays(0), "H001-BASIC");
        String simulator = E2ePlatform.config().simulatorUrl() + "/control/hospitals/H001";
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.getJson(simulator).get("bookings").findValuesAsText("bookingId").contains(id));

        Http.Response in = Http.post("desk.h001", "/api/desk/bookings/" + id + "/check-in", null);
        assertThat(in.status()).as(in.toString()).isEqualTo(200);
        int reportNoticesBefore = reportNotices("consumer1");

        byte[] pdf = ("%PDF-1.4\n% report of " + id + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        assertThat(Http.bytes("POST", "/api/desk/bookings/" + id + "/report?fileName=result.pdf", "desk.h002", "application/pdf", pdf)
                .status()).as("another hospital's desk").isEqualTo(404);
        assertThat(Http.bytes("POST", "/api/desk/bookings/" + id + "/report", "desk.h001", "application/pdf",
                "<html/>".getBytes(StandardCharsets.UTF_8)).status()).as("not a PDF").isEqualTo(400);
        assertThat(Http.bytes("POST", "/api/desk/bookings/" + id + "/report", "desk.h001", "application/pdf",
                "%PDF-1.4 <html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)).status())
                .as("a PDF header on something else (no %%EOF)").isEqualTo(400);
        Http.Bytes up = Http.bytes("POST", "/api/desk/bookings/" + id + "/report?fileName=result.pdf", "desk.h001", "application/pdf", pdf);
        assertThat(up.status()).as(new String(up.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get("consumer1", "/api/app/bookings/" + id).json().get("status").asText().equals("COMPLETED"));

        Http.Bytes mine = Http.bytes("GET", "/api/app/bookings/" + id + "/report", "consumer1", null, null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).isEqualTo(pdf);
        assertThat(mine.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(mine.header("Content-Disposition")).contains("result.pdf");
        assertThat(mine.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(Http.bytes("GET", "/api/desk/bookings/" + id + "/report", "desk.h001", null, null).body()).isEqualTo(pdf);

        Http.Response other = Http.get("consumer2", "/api/app/bookings/" + id + "/report");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("FORBIDDEN");
        assertThat(Http.get("desk.h002", "/api/desk/bookings/" + id + "/report").status()).isEqualTo(403);
        assertThat(Http.get("hr.acme", "/api/app/bookings/" + id + "/report").status()).isEqualTo(403);
        assertThat(Http.get("hr.acme", "/api/desk/bookings/" + id + "/report").status()).isEqualTo(403);

        // Who read it: the hospital's desk sees every access that reached the service, newest first, refusals included.
        Http.Response accesses = Http.get("desk.h001", "/api/desk/bookings/" + id + "/report/accesses");
        assertThat(accesses.status()).as(accesses.toString()).isEqualTo(200);
        assertThat(accesses.json().get(0).get("actor").asText()).isEqualTo("DESK:desk.h002");
        assertThat(accesses.json().get(0).get("allowed").asBoolean()).isFalse();
        assertThat(accesses.json().findValuesAsText("actor")).contains("DESK:desk.h001", "CONSUMER:consumer1", "CONSUMER:consumer2");
        assertThat(Http.get("desk.h002", "/api/desk/bookings/" + id + "/report/accesses").status()).isEqualTo(404);
        assertThat(Http.get("consumer1", "/api/desk/bookings/" + id + "/report/accesses").status()).isEqualTo(403);

        // The examinee is told once.
        await().atMost(Duration.ofSeconds(30)).until(() -> reportNotices("consumer1") == reportNoticesBefore + 1);
    }

    @Test
    void theHospitalsOwnSystemChecksInAndItsReportBecomesADeskTask() {
        String id = paidBooking("consumer2", GatewayIT.inDays(0), "H002-BASIC");
        String simulator = E2ePlatform.config().simulatorUrl() + "/control/hospitals/H002";
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.getJson(simulator).get("bookings").findValuesAsText("bookingId").contains(id));

        // The examinee checks in at the hospital's own counter: the platform hears of it by pulling.
        Http.postJson(simulator + "/bookings/" + id + "/check-in");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Http.get("consumer2", "/api/app/bookings/" + id).json().get("status").asText().equals("CHECKED_IN"));

        // The report is ready in the hospital's system: H002's desk gets the task of bringing the PDF over.
        Http.postJson(simulator + "/bookings/" + id + "/report");
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.clear();
            Http.get("desk.h002", "/api/desk/fulfillment/tasks?bookingId=" + id).json().get("items").forEach(t -> {
                if (t.get("bookingId").asText().equals(id)) {
                    found.add(t);
                }
            });
            return found.size() == 1;
        });
        assertThat(found.get(0).get("kind").asText()).isEqualTo("REPORT_AT_HOSPITAL");
        assertThat(Http.get("desk.h001", "/api/desk/fulfillment/tasks?bookingId=" + id).json().get("items").findValuesAsText("bookingId"))
                .doesNotContain(id);
        byte[] pdf = ("%PDF-1.4\n% fetched from H002's system\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        assertThat(Http.bytes("POST", "/api/desk/bookings/" + id + "/report?fileName=h002.pdf", "desk.h002", "application/pdf", pdf)
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get("consumer2", "/api/app/bookings/" + id).json().get("status").asText().equals("COMPLETED"));
    }

    @Test
    void aManualHospitalsBookingIsWorkedByHandFromTheQueue() {
        String id = paidBooking("consumer2", GatewayIT.inDays(3), "H003-BASIC");
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.clear();
            Http.get("ops1", "/api/desk/fulfillment/tasks?hospitalId=H003&kind=MANUAL_HOSPITAL&bookingId=" + id).json().get("items").forEach(t -> {
                if (t.get("bookingId").asText().equals(id)) {
                    found.add(t);
                }
            });
            return found.size() == 1;
        });
        JsonNode task = found.get(0);
        assertThat(task.get("kind").asText()).isEqualTo("MANUAL_HOSPITAL");
        assertThat(task.get("hospitalId").asText()).isEqualTo("H003");
        String taskId = task.get("taskId").asText();
        assertThat(Http.get("desk.h001", "/api/desk/fulfillment/tasks?bookingId=" + id).json().get("items").findValuesAsText("taskId"))
                .doesNotContain(taskId);
        // The queue pages newest first: a page of one holds a task at least as new as this one.
        JsonNode newest = Http.get("ops1", "/api/desk/fulfillment/tasks?hospitalId=H003&limit=1").json();
        assertThat(newest.get("items")).hasSize(1);
        assertThat(java.time.Instant.parse(newest.get("items").get(0).get("createdAt").asText()))
                .isAfterOrEqualTo(java.time.Instant.parse(task.get("createdAt").asText()));
        // A desk never reads another hospital's queue; bad paging is a 400 naming the parameter.
        assertThat(Http.get("desk.h001", "/api/desk/fulfillment/tasks?hospitalId=H003").status()).isEqualTo(403);
        Http.Response badLimit = Http.get("ops1", "/api/desk/fulfillment/tasks?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("message").asText()).contains("limit");
        Http.Response badCursor = Http.get("ops1", "/api/desk/fulfillment/tasks?cursor=not-ours");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(Http.post("desk.h001", "/api/desk/fulfillment/tasks/" + taskId + "/claim", null).status()).isEqualTo(404);
        assertThat(Http.get("consumer2", "/api/desk/fulfillment/tasks").status()).isEqualTo(403);

        assertThat(Http.post("ops1", "/api/desk/fulfillment/tasks/" + taskId + "/claim", null).json().get("status").asText())
                .isEqualTo("CLAIMED");
        Http.Response bad = Http.post("ops1", "/api/desk/fulfillment/tasks/" + taskId + "/resolve", Map.of("outcome", "MAYBE"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("FULFILLED");
        Http.Response resolved = Http.post("ops1", "/api/desk/fulfillment/tasks/" + taskId + "/resolve",
                Map.of("outcome", "FULFILLED", "note", "Phoned H003, booked for the morning"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("history").findValuesAsText("action")).containsExactly("OPENED", "CLAIMED", "RESOLVED");
        assertThat(resolved.json().get("history").findValuesAsText("actor")).contains("OPS:ops1");

        JsonNode sync = Http.get("ops1", "/api/ops/hospital-sync").json();
        assertThat(sync.findValuesAsText("hospitalId")).contains("H003");
        sync.forEach(s -> {
            if (s.get("hospitalId").asText().equals("H003")) {
                assertThat(s.get("connector").asText()).isEqualTo("MANUAL");
            }
        });
    }

    /** The user's report notices, over every page (the demo users collect many messages over a run). */
    private static int reportNotices(String user) {
        int n = 0;
        String cursor = null;
        do {
            Http.Response page = Http.get("ops1", "/api/ops/messages?recipient=" + user + "&limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            for (JsonNode m : page.json().get("items")) {
                if (m.get("eventType").asText().equals("report.ready")) {
                    n++;
                }
            }
            cursor = page.json().path("nextCursor").asText(null); // null on the last page
        } while (cursor != null);
        return n;
    }

    private static String paidBooking(String user, LocalDate day, String pkg) {
        Map<String, Object> body = new java.util.HashMap<>(GatewayIT.holdBody(day, pkg));
        body.put("hospitalId", pkg.substring(0, pkg.indexOf('-')));
        Http.Response held = GatewayIT.hold(user, "ops-" + UUID.randomUUID(), body, Map.of());
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        String id = held.json().get("bookingId").asText();
        Http.Response paid = Http.post(user, "/api/app/orders/" + held.json().get("orderId").asText() + "/pay", Map.of("channel", "SIMULATED"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get(user, "/api/app/bookings/" + id).json().get("status").asText().equals("CONFIRMED"));
        return id;
    }
}
