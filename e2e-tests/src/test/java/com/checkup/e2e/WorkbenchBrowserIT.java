package com.checkup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workbench in a real browser (Debian's Chromium driven by playwright-core, {@code web/e2e/}) against the platform
 * as {@code up} starts it, served by the gateway at {@code /workbench/}: a desk checks in a booked examinee, edits
 * capacity and uploads a report; HR creates a campaign and uploads a roster with a bad line; OPS changes a flag and a
 * lane rule and sees the audit; a tester routes to a lane and sees the lane path. This class only prepares what the
 * pages need (a paid booking for today) and runs the scenarios; every step happens through the pages.
 * Screenshots: {@code e2e-tests/target/screenshots/}.
 */
@ExtendWith(E2ePlatform.class)
class WorkbenchBrowserIT {
    private static final Path ROOT = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();

    @Test
    void eachPersonaDoesItsDaysWorkInTheBrowser() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("consumer1", "/api/app/hospitals").status() == 200);
        Path shots = ROOT.resolve("e2e-tests").resolve("target").resolve("screenshots");
        Files.createDirectories(shots);

        // An examinee of its own (a phone no other test uses), booked and paid for today at H001.
        String phoneLast4 = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        String name = "欧阳" + "明清远".charAt(ThreadLocalRandom.current().nextInt(3));
        LocalDate today = GatewayIT.inDays(0);
        Map<String, Object> body = new LinkedHashMap<>(GatewayIT.holdBody(today, "H001-BASIC"));
        body.put("examinee", Map.of("name", name, "gender", "FEMALE", "birthDate", "1949-12-31",
                "idNumber", "11010519491231002X", "phone", "137" + "0000" + phoneLast4));
        Http.Response held = GatewayIT.hold("consumer2", "browser-" + UUID.randomUUID(), body, Map.of());
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        String bookingId = held.json().get("bookingId").asText();
        assertThat(Http.post("consumer2", "/api/app/orders/" + held.json().get("orderId").asText() + "/pay",
                Map.of("channel", "SIMULATED")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get("consumer2", "/api/app/bookings/" + bookingId).json().get("status").asText().equals("CONFIRMED"));
        String code = Http.get("consumer2", "/api/app/bookings/" + bookingId).json().get("checkInCode").asText();

        Map<String, Object> data = Map.of(
                "desk", Map.of("code", code, "name", name, "phoneLast4", phoneLast4, "date", today.toString(), "period", "MORNING"),
                "hr", Map.of("packageId", "H001-BASIC"));

        List<String> command = new ArrayList<>(List.of("node", "e2e/run.mjs"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.resolve("web").toFile()).redirectErrorStream(true)
                .redirectOutput(shots.resolve("run.log").toFile());
        pb.environment().put("CHECKUP_URL", E2ePlatform.gatewayUrl());
        pb.environment().put("CHECKUP_SCREENSHOTS", shots.toString());
        pb.environment().put("CHECKUP_E2E_DATA", Http.write(data));
        Process node = pb.start();
        boolean finished = node.waitFor(12, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = read(shots.resolve("run.log"));
        System.out.println("--- browser tests ---\n" + log);
        assertThat(finished).as("the browser tests finish within their budget\n" + log).isTrue();
        assertThat(node.exitValue()).as("every scenario passes (screenshots in %s)\n%s", shots, log).isZero();

        JsonNode results = Http.JSON.readTree(shots.resolve("results.json").toFile());
        assertThat(results.get("passed").findValuesAsText("name")).containsExactlyInAnyOrder("desk", "hr", "ops", "tester");
        assertThat(results.path("figures").path("loginToArrivalsMs").asLong()).isPositive();
        // What the pages did is what the API holds: the examinee is checked in, the lane release is back to testers only.
        assertThat(Http.get("consumer2", "/api/app/bookings/" + bookingId).json().get("status").asText()).isEqualTo("CHECKED_IN");
        assertThat(Http.get("ops1", "/api/ops/lane-rules").json().path("percentages").size()).isZero();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(no output)";
    }
}
