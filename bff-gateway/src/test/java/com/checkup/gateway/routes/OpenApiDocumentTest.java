package com.checkup.gateway.routes;

import com.checkup.gateway.dubbo.RegistryEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.flags.ConnectorHosts;
import com.checkup.gateway.audit.AuditTrail;
import com.checkup.gateway.auth.LoginThrottle;
import com.checkup.gateway.auth.TokenCodec;
import com.checkup.gateway.auth.UserDirectory;
import com.checkup.gateway.config.LiveDocument;
import com.checkup.gateway.lanes.LaneRules;
import com.checkup.gateway.lanes.LiveLanes;
import com.checkup.gateway.web.GatewayExchange;
import com.checkup.gateway.web.JsonResponses;
import com.checkup.gateway.web.LocalEndpointsPlugin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The OpenAPI document of the bundled routes: complete, consistent, and the same as the committed
 * {@code web/shared/openapi.json} that the web clients' typed client is generated from. After a change of the routes
 * or the contracts, regenerate that file with {@code -Dopenapi.write=true} (see docs/gateway.md).
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final String REGENERATE = "mvn -B -o -q test-compile surefire:test -pl bff-gateway "
            + "-Dtest=OpenApiDocumentTest -Dopenapi.write=true";
    private static RouteTable routes;
    private static OpenApiDocument document;
    private static JsonNode doc;

    @BeforeAll
    static void build() throws IOException {
        routes = RouteTable.parse(RouteTableTest.bundled());
        document = OpenApiDocument.of(routes);
        doc = document.json();
    }

    @Test
    void everyRouteIsAnOperationWithItsMethodAndId() {
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(doc.at("/info/title").asText()).isEqualTo("Checkup public API");
        assertThat(doc.at("/info/version").asText()).isEqualTo(OpenApiDocument.API_VERSION);
        int operations = 0;
        for (Iterator<JsonNode> items = doc.get("paths").elements(); items.hasNext(); ) {
            operations += items.next().size();
        }
        assertThat(operations).as("one operation per route, nothing else").isEqualTo(routes.routes().size());
        for (Route r : routes.routes()) {
            JsonNode op = operation(r);
            assertThat(op.isObject()).as("route %s: %s %s", r.getId(), r.getMethod(), r.getPath()).isTrue();
            assertThat(op.get("operationId").asText()).as(r.getId()).isEqualTo(r.getId());
            assertThat(op.at("/responses/default/$ref").asText()).as(r.getId()).isEqualTo("#/components/responses/Error");
            assertThat(op.get("tags").get(0).asText()).as(r.getId()).isIn("app", "desk", "hr", "ops", "auth", "payments", "meta");
            if (!r.isOpen()) {
                assertThat(op.get("responses").has("400") && op.get("responses").has("401") && op.get("responses").has("403"))
                        .as("route %s answers 400, 401 and 403 in the envelope", r.getId()).isTrue();
                assertThat(op.at("/security/0").has("bearer")).as(r.getId()).isTrue();
                List<String> personas = new ArrayList<>();
                op.get("x-personas").forEach(p -> personas.add(p.asText()));
                assertThat(personas).as(r.getId()).containsExactlyInAnyOrderElementsOf(r.getPersonas());
            }
        }
        assertThat(operation(routes.byId("hold")).get("tags").get(0).asText()).isEqualTo("app");
        assertThat(operation(routes.byId("login")).get("tags").get(0).asText()).isEqualTo("auth");
        assertThat(operation(routes.byId("payment-callback")).get("tags").get(0).asText()).isEqualTo("payments");
    }

    @Test
    void everyDubboRoutesMethodIsFoundByReflection() {
        for (Route r : routes.routes()) {
            if (!r.isDubbo()) {
                continue;
            }
            Method m;
            try {
                m = OpenApiDocument.serviceMethod(r);
            } catch (IllegalArgumentException e) {
                fail("route " + r.getId() + " (" + r.getService() + "." + r.getCall() + "): " + e.getMessage());
                return;
            }
            assertThat(m.getName()).as(r.getId()).isEqualTo(r.getCall());
            JsonNode responses = operation(r).get("responses");
            assertThat(responses.has("200") || responses.has("204")).as("route %s has its answer", r.getId()).isTrue();
        }
        assertThat(document.problems()).as("routes or types the document could only describe loosely").isEmpty();
    }

    @Test
    void everyRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as("a local reference").startsWith("#/components/");
            assertThat(doc.at(ref.substring(1)).isObject()).as("%s resolves", ref).isTrue();
        }
        assertThat(refs).contains("#/components/schemas/BookingView", "#/components/schemas/ErrorEnvelope",
                "#/components/schemas/HoldRequest", "#/components/schemas/ExamineeInput");
        for (Iterator<Map.Entry<String, JsonNode>> e = doc.at("/components/responses").fields(); e.hasNext(); ) {
            Map.Entry<String, JsonNode> r = e.next();
            assertThat(r.getValue().at("/content/application~1json/schema/$ref").asText()).as(r.getKey())
                    .isEqualTo("#/components/schemas/ErrorEnvelope");
        }
    }

    @Test
    void pathParametersAreExactlyTheTemplatesVariables() {
        for (Route r : routes.routes()) {
            Set<String> variables = new LinkedHashSet<>();
            Matcher m = VARIABLE.matcher(r.getPath());
            while (m.find()) {
                variables.add(m.group(1));
            }
            Set<String> declared = new LinkedHashSet<>();
            for (JsonNode p : operation(r).path("parameters")) {
                if (p.get("in").asText().equals("path")) {
                    assertThat(p.get("required").asBoolean()).as(r.getId()).isTrue();
                    assertThat(declared.add(p.get("name").asText())).as("%s declares %s once", r.getId(), p.get("name")).isTrue();
                }
            }
            assertThat(declared).as("path parameters of route %s", r.getId()).isEqualTo(variables);
        }
    }

    @Test
    void parametersAndBodiesFollowTheRoute() {
        JsonNode availability = operation(routes.byId("availability"));
        assertThat(availability.get("parameters")).hasSize(4);
        availability.get("parameters").forEach(p -> {
            assertThat(p.get("in").asText()).isEqualTo("query");
            assertThat(p.get("required").asBoolean()).isTrue();
        });
        JsonNode arrivals = operation(routes.byId("desk-arrivals")).get("parameters").get(0);
        assertThat(arrivals.get("name").asText()).isEqualTo("date");
        assertThat(arrivals.get("required").asBoolean()).as("query:date? is optional").isFalse();

        JsonNode hold = operation(routes.byId("hold"));
        assertThat(hold.at("/requestBody/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/HoldRequest");
        assertThat(hold.at("/requestBody/required").asBoolean()).isTrue();
        JsonNode key = hold.get("parameters").get(0);
        assertThat(key.get("name").asText()).isEqualTo("Idempotency-Key");
        assertThat(key.get("in").asText()).isEqualTo("header");
        assertThat(key.get("required").asBoolean()).isTrue();
        assertThat(hold.at("/responses/200/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/BookingView");
        assertThat(hold.get("responses").has("409")).isTrue();

        JsonNode cancel = operation(routes.byId("cancel")).get("requestBody");
        assertThat(cancel.get("required").asBoolean()).as("only body:reason?, so the body may be left out").isFalse();
        assertThat(cancel.at("/content/application~1json/schema/properties/reason/type").asText()).isEqualTo("string");
        assertThat(cancel.at("/content/application~1json/schema").has("required")).isFalse();
        JsonNode reschedule = operation(routes.byId("reschedule")).at("/requestBody/content/application~1json/schema");
        assertThat(reschedule.get("required")).extracting(JsonNode::asText).containsExactly("date", "period");
        JsonNode agreement = operation(routes.byId("agreement")).at("/requestBody/content/application~1json/schema/properties");
        assertThat(agreement.at("/maxDailyShare/type").asText()).isEqualTo("integer");

        JsonNode mine = operation(routes.byId("my-bookings")).at("/responses/200/content/application~1json/schema");
        assertThat(mine.get("type").asText()).isEqualTo("array");
        assertThat(mine.at("/items/$ref").asText()).isEqualTo("#/components/schemas/BookingView");

        assertThat(operation(routes.byId("desk-report-upload")).at("/requestBody/content").has("application/pdf")).isTrue();
        assertThat(operation(routes.byId("hr-roster-upload")).at("/requestBody/content").has("text/csv")).isTrue();
        assertThat(operation(routes.byId("payment-callback")).at("/requestBody/content/text~1plain/schema/type").asText()).isEqualTo("string");
        JsonNode report = operation(routes.byId("report")).at("/responses/200/content");
        assertThat(report.at("/application~1octet-stream/schema/format").asText()).isEqualTo("binary");

        JsonNode login = operation(routes.byId("login"));
        assertThat(login.at("/requestBody/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/LoginRequest");
        JsonNode loginAnswer = doc.at("/components/schemas/LoginResponse");
        assertThat(loginAnswer.get("required")).extracting(JsonNode::asText).containsExactly("token", "persona", "tenantId", "expiresAt");
        assertThat(doc.at("/components/schemas/LaneRules/properties/users/additionalProperties/type").asText()).isEqualTo("string");
    }

    @Test
    void bookingViewHasItsFieldsWithTheirTypes() {
        JsonNode view = doc.at("/components/schemas/BookingView");
        assertThat(view.get("type").asText()).isEqualTo("object");
        JsonNode p = view.get("properties");
        List<String> names = new ArrayList<>();
        p.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("bookingId", "orderId", "status", "hospitalId", "packageId", "date",
                "period", "amountCents", "holdExpiresAt", "examineeName", "idNumberMasked", "phoneMasked", "cancelReason",
                "createdAt", "updatedAt", "checkInCode", "consumerId");
        assertThat(p.at("/bookingId/type").asText()).isEqualTo("string");
        assertThat(p.at("/amountCents/type").asText()).isEqualTo("integer");
        assertThat(p.at("/amountCents/format").asText()).isEqualTo("int64");
        assertThat(view.get("required")).extracting(JsonNode::asText).containsExactly("amountCents");
        assertThat(p.at("/status/type").asText()).isEqualTo("string");
        List<String> statuses = new ArrayList<>();
        p.at("/status/enum").forEach(s -> statuses.add(s.isNull() ? null : s.asText()));
        List<String> expected = new ArrayList<>(List.of(names(BookingStatus.values())));
        expected.add(null);
        assertThat(statuses).as("the statuses, or null").containsExactlyElementsOf(expected);
        assertThat(p.at("/orderId/nullable").asBoolean()).as("a reference may be null, and is written as null").isTrue();

        JsonNode packages = doc.at("/components/schemas/PackageView/properties");
        assertThat(packages.at("/items/type").asText()).isEqualTo("array");
        assertThat(packages.at("/items/items/$ref").asText()).isEqualTo("#/components/schemas/ExamItemView");
        assertThat(packages.at("/minAge/format").asText()).isEqualTo("int32");
        assertThat(doc.at("/components/schemas/CapacityChange/properties/totals/additionalProperties/type").asText()).isEqualTo("integer");
        assertThat(doc.at("/components/schemas/SlotAvailability/properties/open/type").asText()).isEqualTo("boolean");
        assertThat(doc.at("/components/schemas/HoldRequest/properties/examinee/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/ExamineeInput");
        JsonNode envelope = doc.at("/components/schemas/ErrorEnvelope");
        assertThat(envelope.get("required")).extracting(JsonNode::asText).containsExactly("code", "message", "traceId");
    }

    @Test
    void anOpenRouteNeedsNoToken() {
        for (String id : List.of("login", "payment-callback", "payment-notify")) {
            JsonNode op = operation(routes.byId(id));
            assertThat(op.path("security").size()).as(id).isZero();
            assertThat(op.has("x-personas")).as(id).isFalse();
            assertThat(op.get("responses").has("403")).as(id).isFalse();
        }
        // The document itself is for signed-in callers (integrators have accounts): it maps the whole surface.
        JsonNode openapi = operation(routes.byId("openapi"));
        assertThat(openapi.path("security").size()).isOne();
        assertThat(openapi.get("responses").has("401")).isTrue();
        assertThat(openapi.get("x-personas")).extracting(JsonNode::asText).contains("CONSUMER", "DESK", "HR", "OPS", "TESTER");
        assertThat(doc.toString()).as("no Java class names for a would-be Dubbo caller").doesNotContain("x-java-type", "com.checkup.");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
    }

    @Test
    void theDocumentIsValidJsonAndStable() throws IOException {
        String text = document.pretty();
        assertThat(text).endsWith("}\n");
        assertThat(JSON.readTree(text)).isEqualTo(doc);
        assertThat(OpenApiDocument.of(RouteTable.parse(RouteTableTest.bundled())).pretty()).as("built twice, same text").isEqualTo(text);
    }

    /** The committed copy the web clients' typed client is made from must be this document. */
    @Test
    void theCommittedDocumentIsUpToDate() throws IOException {
        Path committed = committedFile();
        String generated = document.pretty();
        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(committed.getParent());
            Files.write(committed, generated.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!Files.exists(committed)) {
            fail(committed + " is missing. Generate it with: " + REGENERATE);
        }
        String current = new String(Files.readAllBytes(committed), StandardCharsets.UTF_8);
        if (!current.equals(generated)) {
            fail(committed + " is out of date with the routes and contracts (" + firstDifference(current, generated)
                    + "). Regenerate it with: " + REGENERATE + " (then regenerate the web clients' API types and commit both)");
        }
    }

    /** The gateway answers GET /api/openapi.json with the document of its live route table, to a signed-in caller. */
    @Test
    void theEndpointAnswersTheLiveTablesDocument() throws Exception {
        JsonResponses responses = new JsonResponses(JSON);
        RouteTable[] live = {routes};
        LocalEndpointsPlugin plugin = new LocalEndpointsPlugin(responses, new UserDirectory(List.of()),
                new TokenCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), Duration.ofHours(1), Clock.systemUTC()),
                new LiveLanes(RegistryEndpoint.of("zookeeper://127.0.0.1:1", null, null)),
                new LiveDocument<>(null, "checkup-gateway", "lane-rules", "gateway/lane-rules.json", LaneRules::parse),
                () -> live[0], null, 64 * 1024, new LoginThrottle(5, 20, Duration.ofMinutes(1), 1_000, Clock.systemUTC()),
                new AuditTrail(null, "checkup-gateway", JSON, Clock.systemUTC()), ConnectorHosts.parse("his.h001.example:443"));
        assertThat(serve(plugin)).isEqualTo(doc);

        // The table changes live: the next answer describes the new one.
        live[0] = RouteTable.parse("{\"routes\":[{\"id\":\"openapi\",\"method\":\"GET\",\"path\":\"/api/openapi.json\","
                + "\"personas\":[\"OPS\"],\"local\":\"openapi\"}]}");
        JsonNode after = serve(plugin);
        assertThat(after.get("paths").size()).isEqualTo(1);
        assertThat(after.at("/paths/~1api~1openapi.json/get/operationId").asText()).isEqualTo("openapi");
    }

    private static JsonNode serve(LocalEndpointsPlugin plugin) throws IOException {
        MockServerWebExchange e = MockServerWebExchange.from(MockServerHttpRequest.get("/api/openapi.json"));
        e.getAttributes().put(GatewayExchange.REQUEST_ID, "rid-openapi");
        e.getAttributes().put(GatewayExchange.CALLER, new com.checkup.gateway.auth.Caller("ops1", "OPS", null));
        e.getAttributes().put(GatewayExchange.ROUTE, routes.match("GET", "/api/openapi.json"));
        ShenyuPluginChain end = ex -> Mono.empty();
        plugin.execute(e, end).block(Duration.ofSeconds(30));
        assertThat(e.getResponse().getStatusCode().value()).isEqualTo(200);
        return JSON.readTree(e.getResponse().getBodyAsString().block(Duration.ofSeconds(5)));
    }

    // -- helpers

    private static JsonNode operation(Route r) {
        return doc.path("paths").path(r.getPath()).path(r.getMethod().toLowerCase(Locale.ROOT));
    }

    private static void collectRefs(JsonNode n, List<String> refs) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            }
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, refs));
        }
    }

    /** web/shared/openapi.json, from this module's directory (Maven runs tests there). */
    private static Path committedFile() {
        return Paths.get(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("../web/shared/openapi.json").toAbsolutePath().normalize();
    }

    private static String firstDifference(String committed, String generated) {
        String[] a = committed.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "first difference at line " + (i + 1) + ": committed '" + a[i].trim() + "', generated '" + b[i].trim() + "'";
            }
        }
        return "committed has " + a.length + " lines, generated " + b.length;
    }

    private static String[] names(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].name();
        }
        return out;
    }
}
