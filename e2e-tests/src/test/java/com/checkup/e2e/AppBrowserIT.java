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
 * The consumer app in a real browser on a phone-sized screen (Debian's Chromium driven by playwright-core,
 * {@code web/e2e/app-run.mjs}) against the platform as {@code up} starts it, served by the gateway at {@code /app/}:
 * browse → book → pay → confirmed → check-in code, and a move; cancel with the refund said and shown; the report
 * downloaded by the examinee; redeem a company code; a notice arriving in the open inbox; the network cut while a
 * booking is sent and back (one booking); the hospital list on a throttled connection. The scripts make what they
 * need through the API first (a paid booking to cancel; one checked in with its report uploaded; a campaign whose
 * employee's code they read from the simulated SMS provider's table with the MariaDB client the platform unpacked). This class runs them and checks that what the pages did is what the platform holds.
 * Screenshots: {@code e2e-tests/target/screenshots/app-*.png}; figures in {@code app-results.json}.
 */
@ExtendWith(E2ePlatform.class)
class AppBrowserIT {
    private static final Path ROOT = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();

    @Test
    void aConsumerBooksPaysCancelsAndRedeemsOnAPhone() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("consumer1", "/api/app/hospitals").status() == 200);
        Path shots = ROOT.resolve("e2e-tests").resolve("target").resolve("screenshots");
        Files.createDirectories(shots);
        boolean inbox = Http.get("consumer1", "/api/app/inbox?wait=0").status() != 404;

        List<String> command = new ArrayList<>(List.of("node", "e2e/app-run.mjs"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.resolve("web").toFile()).redirectErrorStream(true)
                .redirectOutput(shots.resolve("app-run.log").toFile());
        pb.environment().put("CHECKUP_URL", E2ePlatform.gatewayUrl());
        pb.environment().put("CHECKUP_SCREENSHOTS", shots.toString());
        pb.environment().put("CHECKUP_DB_PORT", Integer.toString(E2ePlatform.config().mariaDbPort()));
        pb.environment().put("CHECKUP_MARIADB",
                E2ePlatform.config().home().resolve("mariadb-binaries").resolve("bin").resolve("mariadb").toString());
        Process node = pb.start();
        boolean finished = node.waitFor(12, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = read(shots.resolve("app-run.log"));
        System.out.println("--- app browser tests ---\n" + log);
        assertThat(finished).as("the browser tests finish within their budget\n" + log).isTrue();
        assertThat(node.exitValue()).as("every scenario passes (screenshots in %s)\n%s", shots, log).isZero();

        JsonNode results = Http.JSON.readTree(shots.resolve("app-results.json").toFile());
        List<String> expected = new ArrayList<>(List.of("book", "cancel", "report", "redeem", "offline", "throttled"));
        if (inbox) {
            expected.add("inbox");
        } else {
            assertThat(results.get("skipped").findValuesAsText("name")).containsExactly("inbox");
        }
        assertThat(results.get("passed").findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode figures = results.path("figures");
        assertThat(figures.path("appFirstPageGzipBytes").asLong()).as("the first page, gzipped").isPositive().isLessThan(200 * 1024);
        assertThat(figures.path("appHospitalsFast3gMs").asLong()).isPositive();

        // What the pages did is what the platform holds: the cancelled booking is cancelled, the company code booked.
        String cancelled = results.path("data").path("cancel").path("bookingId").asText();
        assertThat(Http.get("consumer1", "/api/app/bookings/" + cancelled).json().get("status").asText()).isEqualTo("CANCELLED");
        String code = results.path("data").path("code").asText();
        assertThat(Http.get("consumer1", "/api/app/entitlements/" + code).json().get("status").asText()).isEqualTo("BOOKED");
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(no output)";
    }
}
