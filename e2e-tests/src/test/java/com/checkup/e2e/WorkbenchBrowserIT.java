package com.checkup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workbench in a real browser (Debian's Chromium driven by playwright-core, {@code web/e2e/}) against the platform
 * as {@code up} starts it, served by the gateway at {@code /workbench/}: a desk checks in a booked examinee, edits
 * capacity and uploads a report; HR creates a campaign and uploads a roster with a bad line; OPS changes a flag and a
 * lane rule and sees the audit; a tester routes to a lane and sees the lane path. The scripts book and pay for
 * today's examinee through the API first ({@code prepare.mjs}); every step after that happens through the pages. This
 * class runs them and checks that what the pages did is what the platform holds.
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

        List<String> command = new ArrayList<>(List.of("node", "e2e/run.mjs"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.resolve("web").toFile()).redirectErrorStream(true)
                .redirectOutput(shots.resolve("run.log").toFile());
        pb.environment().put("CHECKUP_URL", E2ePlatform.gatewayUrl());
        pb.environment().put("CHECKUP_SCREENSHOTS", shots.toString());
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
        // What the pages did is what the platform holds: the examinee was checked in and their report uploaded (so the
        // booking is COMPLETED), and the lane release is back to testers only.
        String bookingId = results.path("data").path("desk").path("bookingId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get("consumer2", "/api/app/bookings/" + bookingId).json().get("status").asText().equals("COMPLETED"));
        assertThat(Http.bytes("GET", "/api/app/bookings/" + bookingId + "/report", "consumer2", null, null).status()).isEqualTo(200);
        assertThat(Http.get("ops1", "/api/ops/lane-rules").json().path("percentages").size()).isZero();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(no output)";
    }
}
