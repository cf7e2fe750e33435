package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.platform.embedded.EmbeddedMariaDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A company's group check-up through the gateway: HR starts a campaign, uploads a roster (with bad rows, then again),
 * employees get their codes by SMS and book in the app without paying, the desk checks them in, HR follows
 * attendance — and never sees a result or a report.
 */
@ExtendWith(E2ePlatform.class)
class CorporateCampaignIT {
    private static final Set<String> ATTENDANCE_FIELDS = Set.of("employeeNo", "name", "packageId", "status", "date", "period");

    /** Employee numbers of this run (messages are addressed by company and employee number). */
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();

    @Test
    void aCampaignFromRosterUploadToCheckIn() {
        LocalDate today = GatewayIT.inDays(0);
        Map<String, Object> campaign = new HashMap<>();
        campaign.put("name", "ACME yearly check-up");
        campaign.put("hospitalId", "H001");
        campaign.put("packageIds", List.of("H001-BASIC", "H001-CT"));
        campaign.put("startDate", today.toString());
        campaign.put("endDate", today.plusDays(5).toString());
        campaign.put("quota", 3);
        assertThat(Http.post("consumer1", "/api/hr/campaigns", campaign).status()).isEqualTo(403);
        Map<String, Object> backwards = new HashMap<>(campaign);
        backwards.put("endDate", today.minusDays(1).toString());
        Http.Response bad = Http.post("hr.acme", "/api/hr/campaigns", backwards);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("endDate");
        Http.Response created = Http.post("hr.acme", "/api/hr/campaigns", campaign);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().get("campaignId").asText();
        assertThat(created.json().get("payer").asText()).isEqualTo("COMPANY");

        // The roster: four good employees, two bad lines reported with their line numbers.
        String roster = String.join("\n", "employee_no,name,gender,birth_date,id_number,phone,package",
                row(no("E1"), "张伟", "13900000001", "H001-BASIC"), row(no("E2"), "王芳", "13900000002", "H001-CT"),
                row(no("E3"), "李娜", "13900000003", "H001-BASIC"), row(no("E4"), "刘洋", "13900000004", "H001-BASIC"),
                no("E5") + ",赵磊,MALE,1985-03-01,320102198503010311,13900000005,H001-BASIC",
                row(no("E6"), "孙丽", "139", "H001-BASIC"));
        JsonNode first = upload(id, roster);
        assertThat(first.get("status").asText()).isEqualTo("DONE");
        assertThat(first.get("created").asInt()).isEqualTo(4);
        assertThat(first.get("rejected").asInt()).isEqualTo(2);
        assertThat(first.get("errors").findValuesAsText("line")).containsExactly("6", "7");
        assertThat(first.get("errors").findValuesAsText("reason")).anyMatch(r -> r.contains("check digit"))
                .anyMatch(r -> r.contains("phone"));
        JsonNode again = upload(id, roster);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(4);
        assertThat(Http.bytes("POST", "/api/hr/campaigns/" + id + "/roster", "hr.acme", "text/csv",
                "who,what\n1,2".getBytes(StandardCharsets.UTF_8)).status()).as("not a roster").isEqualTo(400);

        // Each employee is sent a code (once, even though the roster came twice).
        Map<String, String> codes = new HashMap<>();
        for (String no : List.of(no("E1"), no("E2"), no("E3"), no("E4"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> code(no) != null);
            codes.put(no, code(no));
        }

        // Employees book in the app with their codes: confirmed at once, nothing to pay.
        String b1 = book("consumer1", codes.get(no("E1")), today, "MORNING", 200).get("bookingId").asText();
        JsonNode b2 = book("consumer2", codes.get(no("E2")), today, "AFTERNOON", 200);
        assertThat(b2.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(b2.path("orderId").isNull() || b2.path("orderId").isMissingNode()).isTrue();
        assertThat(book("consumer2", codes.get(no("E1")), today, "MORNING", 404).get("code").asText()).as("E1's code is consumer1's")
                .isEqualTo("NOT_FOUND");
        assertThat(book("tester1", codes.get(no("E3")), today.plusDays(6), "MORNING", 400).get("message").asText())
                .as("the window is closed for that day").contains("outside the campaign's days");
        book("tester1", codes.get(no("E3")), today.plusDays(1), "MORNING", 200);
        assertThat(book("consumer1", codes.get(no("E4")), today.plusDays(1), "MORNING", 409).get("code").asText())
                .as("the quota of 3 is used").isEqualTo("QUOTA_EXHAUSTED");
        assertThat(Http.get("consumer1", "/api/app/entitlements/" + codes.get(no("E1"))).json().get("status").asText()).isEqualTo("BOOKED");

        // The desk checks two of them in.
        assertThat(Http.post("desk.h001", "/api/desk/bookings/" + b1 + "/check-in", null).status()).isEqualTo(200);
        assertThat(Http.post("desk.h001", "/api/desk/bookings/" + b2.get("bookingId").asText() + "/check-in", null).status()).isEqualTo(200);

        // HR sees attendance: counts, one line per employee, a CSV — nothing else.
        JsonNode progress = Http.get("hr.acme", "/api/hr/campaigns/" + id + "/progress").json();
        assertThat(progress.get("counts").get("CHECKED_IN").asInt()).isEqualTo(2);
        assertThat(progress.get("counts").get("BOOKED").asInt()).isEqualTo(1);
        assertThat(progress.get("counts").get("NOT_BOOKED").asInt()).isEqualTo(1);
        for (JsonNode e : progress.get("employees")) {
            Set<String> fields = new HashSet<>();
            e.fieldNames().forEachRemaining(fields::add);
            assertThat(ATTENDANCE_FIELDS).containsAll(fields);
        }
        Http.Bytes csv = Http.bytes("GET", "/api/hr/campaigns/" + id + "/progress.csv", "hr.acme", null, null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).contains(no("E1") + ",张伟,H001-BASIC,CHECKED_IN," + today + ",MORNING")
                .contains(no("E4") + ",刘洋,H001-BASIC,NOT_BOOKED");
        assertThat(text).doesNotContain("1390000").doesNotContain("320102");

        // Privacy: HR never reaches a report or a booking's details, and another company's HR nothing at all.
        assertThat(Http.get("hr.acme", "/api/app/bookings/" + b1 + "/report").status()).isEqualTo(403);
        assertThat(Http.get("hr.acme", "/api/desk/bookings/" + b1 + "/report").status()).isEqualTo(403);
        assertThat(Http.get("hr.acme", "/api/app/bookings/" + b1).status()).isEqualTo(403);
        assertThat(Http.get("consumer1", "/api/hr/campaigns/" + id + "/progress").status()).isEqualTo(403);
    }

    @Test
    void opsAgreeAHospitalWithACompanyAndHrCancelsACampaignWhoseShareGoesBack() {
        LocalDate day = GatewayIT.inDays(12);
        Map<String, Object> campaign = new HashMap<>();
        campaign.put("name", "ACME in Shanghai");
        campaign.put("hospitalId", "H002");
        campaign.put("packageIds", List.of("H002-BASIC"));
        campaign.put("startDate", day.toString());
        campaign.put("endDate", day.toString());
        campaign.put("dailyShare", 30);
        campaign.put("shareCutoffDays", 2);
        Http.Response none = Http.post("hr.acme", "/api/hr/campaigns", campaign);
        assertThat(none.status()).as(none.toString()).isIn(403);

        Http.Response bad = Http.send("PUT", "/api/ops/agreements/H002/ACME", "ops1", Map.of(),
                Map.of("maxDailyShare", 10, "maxSlotSharePercent", 101));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("maxSlotSharePercent");
        Http.Response agreed = Http.send("PUT", "/api/ops/agreements/H002/ACME", "ops1", Map.of(),
                Map.of("maxDailyShare", 30, "maxSlotSharePercent", 25));
        assertThat(agreed.status()).as(agreed.toString()).isEqualTo(200);
        assertThat(agreed.json().get("updatedBy").asText()).isEqualTo("OPS:ops1");
        assertThat(Http.get("ops1", "/api/ops/agreements").json().findValuesAsText("hospitalId")).contains("H001", "H002");

        int freeBefore = free("H002", day, "MORNING");
        Http.Response created = Http.post("hr.acme", "/api/hr/campaigns", campaign);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().get("campaignId").asText();
        // 30 a slot asked, a quarter of the 40-place morning allowed: 10 set aside.
        assertThat(free("H002", day, "MORNING")).isEqualTo(freeBefore - 10);

        Http.Response cancelled = Http.post("hr.acme", "/api/hr/campaigns/" + id + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(free("H002", day, "MORNING")).isEqualTo(freeBefore);

        assertThat(Http.post("ops1", "/api/ops/agreements/H002/ACME/end", null).status()).isEqualTo(200);
        assertThat(Http.post("hr.acme", "/api/hr/campaigns", campaign).status()).isEqualTo(403);
    }

    /** Free places of the slot's TOTAL, as the hospital's desk sees its capacity. */
    private static int free(String hospital, LocalDate day, String period) {
        JsonNode rows = Http.get("desk." + hospital.toLowerCase(), "/api/desk/capacity?date=" + day).json();
        for (JsonNode r : rows) {
            if (period.equals(r.path("period").asText()) && "TOTAL".equals(r.path("resource").asText())) {
                return r.path("total").asInt() - r.path("used").asInt();
            }
        }
        throw new AssertionError("no " + period + " TOTAL row in " + rows);
    }

    private static String no(String employee) {
        return RUN + "-" + employee;
    }

    private static String row(String no, String name, String phone, String pkg) {
        String first17 = "320102198503010" + "31";
        String id = first17 + checkChar(first17);
        return String.join(",", no, name, "MALE", "1985-03-01", id, phone, pkg);
    }

    private static char checkChar(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private static JsonNode upload(String campaignId, String csv) {
        Http.Bytes started = Http.bytes("POST", "/api/hr/campaigns/" + campaignId + "/roster", "hr.acme", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        String body = new String(started.body(), StandardCharsets.UTF_8);
        assertThat(started.status()).as(body).isEqualTo(200);
        String importId = new Http.Response(started.status(), Map.of(), body).json().get("importId").asText();
        String path = "/api/hr/campaigns/" + campaignId + "/roster/" + importId;
        await().atMost(Duration.ofSeconds(60)).until(() -> !Http.get("hr.acme", path).json().get("status").asText().equals("RUNNING"));
        return Http.get("hr.acme", path).json();
    }

    private static final Pattern CODE = Pattern.compile("code ([0-9A-Z]{10})");

    /**
     * The code the employee was sent by SMS: what the simulated provider delivered to their phone (its delivery
     * table). Nobody else sees it: ops' and testers' listings show it masked.
     */
    private static String code(String employeeNo) {
        String recipient = "employee:ACME:" + employeeNo;
        String delivered;
        try (Connection c = DriverManager.getConnection(EmbeddedMariaDb.jdbcUrl(E2ePlatform.config().mariaDbPort(),
                "checkup_message"), "root", "");
             PreparedStatement q = c.prepareStatement("SELECT d.body FROM simulated_delivery d JOIN message m"
                     + " ON m.id = d.message_id WHERE m.recipient = ? AND m.event_type = 'entitlement.granted'")) {
            q.setString(1, recipient);
            try (ResultSet rs = q.executeQuery()) {
                delivered = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        Matcher x = delivered == null ? null : CODE.matcher(delivered);
        if (x == null || !x.find()) {
            return null;
        }
        for (String user : List.of("ops1", "tester1")) {
            for (JsonNode m : Http.get(user, "/api/ops/messages?recipient=" + recipient).json().get("items")) {
                assertThat(m.get("body").asText()).as("what " + user + " sees").doesNotContain(x.group(1));
            }
        }
        return x.group(1);
    }

    private static JsonNode book(String user, String code, LocalDate day, String period, int status) {
        Http.Response r = Http.post(user, "/api/app/entitlements/" + code + "/booking", Map.of("date", day.toString(), "period", period));
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r.json();
    }
}
