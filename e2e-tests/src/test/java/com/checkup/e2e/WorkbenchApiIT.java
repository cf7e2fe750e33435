package com.checkup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the workbench stands on, through the gateway as `up` runs it: the pages themselves served same-origin, the
 * OpenAPI document the typed client is generated from, and the read routes added for the pages, each with its persona
 * and tenant rules.
 */
@ExtendWith(E2ePlatform.class)
class WorkbenchApiIT {
    private static final Path ROOT = Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();

    @Test
    void theWorkbenchIsServedSameOriginWithAStrictPolicy() {
        Http.Response index = Http.raw("GET", "/workbench/desk/arrivals", Map.of(), null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        assertThat(index.text()).contains("<div id=\"app\">").contains("/workbench/assets/");
        assertThat(index.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(index.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");

        String asset = index.text().replaceAll("(?s).*src=\"(/workbench/assets/[^\"]+\\.js)\".*", "$1");
        Http.Response js = Http.raw("GET", asset, Map.of(), null);
        assertThat(js.status()).as(asset).isEqualTo(200);
        assertThat(js.header("Cache-Control")).contains("immutable");
        assertThat(Http.raw("GET", "/workbench/assets/nothing-here.js", Map.of(), null).status()).isEqualTo(404);
        assertThat(Http.raw("POST", "/workbench/", Map.of(), "{}").status()).isEqualTo(405);
        assertThat(Http.raw("GET", "/workbench", Map.of(), null).status()).isEqualTo(301);
    }

    @Test
    void theOpenApiDocumentIsForSignedInCallersAndDescribesEveryRoute() throws Exception {
        assertThat(Http.raw("GET", "/api/openapi.json", Map.of(), null).status()).isEqualTo(401);
        JsonNode doc = Http.get("consumer1", "/api/openapi.json").json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        JsonNode routes = Http.JSON.readTree(Files.readString(ROOT.resolve("bff-gateway/src/main/resources/gateway/routes.json")));
        List<String> missing = new ArrayList<>();
        for (JsonNode r : routes.get("routes")) {
            if (doc.path("paths").path(r.get("path").asText()).path(r.get("method").asText().toLowerCase()).isMissingNode()) {
                missing.add(r.get("method").asText() + " " + r.get("path").asText());
            }
        }
        assertThat(missing).as("routes the served document does not describe").isEmpty();
        // the committed copy the web clients are built from is the one served
        assertThat(Http.JSON.readTree(Files.readString(ROOT.resolve("web/shared/openapi.json")))).isEqualTo(doc);
    }

    @Test
    void aDeskReadsItsOwnHospitalAndHrTheHospitalsItMayBook() {
        JsonNode h001 = Http.get("desk.h001", "/api/desk/hospital").json();
        assertThat(h001.get("hospitalId").asText()).isEqualTo("H001");
        assertThat(h001.get("timezone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(Http.get("desk.h002", "/api/desk/hospital").json().get("hospitalId").asText()).isEqualTo("H002");
        assertThat(Http.get("hr.acme", "/api/desk/hospital").status()).isEqualTo(403);

        JsonNode bookable = Http.get("hr.acme", "/api/hr/hospitals").json();
        assertThat(bookable.findValuesAsText("hospitalId")).contains("H001");
        assertThat(bookable.get(0).get("packages").findValuesAsText("packageId")).isNotEmpty();
        assertThat(Http.get("desk.h001", "/api/hr/hospitals").status()).isEqualTo(403);
    }

    @Test
    void flagValuesAreForOpsAndShowWhatIsInForce() {
        assertThat(Http.get("tester1", "/api/ops/flags/H002").status()).as("testers read the catalogue, not the values").isEqualTo(403);
        assertThat(Http.get("tester1", "/api/ops/flags").status()).isEqualTo(200);
        assertThat(Http.get("ops1", "/api/ops/flags/H00.2").status()).isEqualTo(400);
        try {
            assertThat(Http.send("PUT", "/api/ops/flags/H002/booking-window-days", "ops1", Map.of(), Map.of("value", "45")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> value(Http.get("ops1", "/api/ops/flags/H002").json(), "booking-window-days", "value").equals("45"));
            JsonNode all = Http.get("ops1", "/api/ops/flags/H002").json();
            assertThat(all.get("flags").findValuesAsText("name")).contains("hold-expiry", "connector", "quiet-hours");
            assertThat(value(all, "max-unpaid-holds", "kind")).isEqualTo("INT");
            assertThat(value(all, "max-unpaid-holds", "max")).isEqualTo("20");
        } finally {
            Http.send("PUT", "/api/ops/flags/H002/booking-window-days", "ops1", Map.of(), java.util.Collections.singletonMap("value", null));
        }
    }

    private static String value(JsonNode hospitalFlags, String flag, String field) {
        for (JsonNode f : hospitalFlags.get("flags")) {
            if (f.get("name").asText().equals(flag)) {
                return f.path(field).isNull() ? "null" : f.path(field).asText();
            }
        }
        throw new AssertionError("no flag " + flag);
    }
}
