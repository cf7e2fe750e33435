package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.localplatform.ServiceSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Observability on the platform as local-platform runs it: every metric the alert rules and the dashboard in
 * {@code k8s/observability/} use is exported by some service or the gateway (after one booking flow, so Dubbo and
 * event metrics exist), and one booking's trace id is found in the log of the gateway and of every service the flow
 * reaches over Dubbo or RocketMQ — including the flow after the payment channel's callback, which comes with a trace id
 * of its own and is applied in the payment's (the booking's) trace.
 */
@ExtendWith(E2ePlatform.class)
class ObservabilityIT {
    /** Services of the booking flow: the gateway, its Dubbo calls, and the consumers of the flow's events. */
    static final List<String> TRACED = List.of("bff-gateway", "booking-service", "order-service", "payment-service",
            "message-service", "hospital-sync-service");
    static final List<String> SCRAPED = List.of("bff-gateway", "booking-service", "order-service", "payment-service",
            "message-service", "hospital-sync-service", "fulfillment-service");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The trace id of the one booking flow, set by {@link #bookingFlow()}. */
    private static String traceId;
    private static String bookingId;
    private static String paymentId;
    /** The trace id the gateway gave the payment channel's callback (a request of its own). */
    private static String callbackTraceId;

    @BeforeAll
    static void bookingFlow() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("consumer1", "/api/app/hospitals").status() == 200);
        // The client's own request id is the trace id the gateway and services log under: one for the whole booking.
        traceId = "obs" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> trace = Map.of("X-Request-Id", traceId);
        LocalDate day = GatewayIT.inDays(12);
        Http.Response held = GatewayIT.hold("consumer2", "obs-" + UUID.randomUUID(), GatewayIT.holdBody(day, "H001-BASIC"), trace);
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        assertThat(held.header("X-Request-Id")).isEqualTo(traceId);
        bookingId = held.json().get("bookingId").asText();
        String orderId = held.json().get("orderId").asText();
        Http.Response paid = Http.send("POST", "/api/app/orders/" + orderId + "/pay", "consumer2", trace,
                Map.of("channel", "SIMULATED"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        // The channel answers with its signed callback through the gateway, as a real channel does: a request of its
        // own, without our request id, so the gateway gives it a new one (the simulated channel's own in-process
        // callback comes 2 s later and is a duplicate by then). payment-service applies it in the payment's trace.
        paymentId = paid.json().get("paymentId").asText();
        String body = Http.JSON.writeValueAsString(new LinkedHashMap<>(Map.of("paymentId", paymentId,
                "orderId", orderId, "amountCents", held.json().get("amountCents").asLong(), "kind", "SUCCESS",
                "channelTxnId", "OBS-" + UUID.randomUUID())));
        Http.Response callback = Http.raw("POST", "/api/payments/callback/SIMULATED",
                Map.of("X-Signature", sign(E2ePlatform.secret("payment.simulated.secret"), body)), body);
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        callbackTraceId = callback.header("X-Request-Id");
        assertThat(callbackTraceId).as("the callback's own trace id").isNotBlank().isNotEqualTo(traceId);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Http.get("consumer2", "/api/app/bookings/" + bookingId).json().get("status").asText().equals("CONFIRMED"));
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyMetricOfTheAlertRulesAndTheDashboardIsExported() {
        Path dir = root().resolve("k8s").resolve("observability");
        Set<String> used = new TreeSet<>();
        List<String> rules = yamlExprs(read(dir.resolve("alert-rules.yaml")));
        List<String> panels = dashboardExprs(read(dir.resolve("checkup-dashboard.json")));
        assertThat(rules).as("alert expressions").hasSizeGreaterThanOrEqualTo(6);
        assertThat(panels).as("dashboard expressions").hasSizeGreaterThanOrEqualTo(6);
        rules.forEach(e -> used.addAll(PromQl.metricNames(e)));
        panels.forEach(e -> used.addAll(PromQl.metricNames(e)));
        assertThat(used).as("metrics used").contains("checkup_outbox_pending", "checkup_consumer_lag",
                "checkup_messages_dead", "checkup_sync_circuit_open");

        // Dubbo copies its counters into Micrometer every 10 s: poll until every used family is there (or the deadline).
        Map<String, Set<String>> exported = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> missing;
        do {
            exported.clear();
            for (String target : SCRAPED) {
                exported.put(target, PromQl.families(scrape(target)));
            }
            Set<String> all = new TreeSet<>();
            exported.values().forEach(all::addAll);
            missing = new TreeSet<>(used);
            missing.removeAll(all);
        } while (!missing.isEmpty() && System.nanoTime() < deadline && pause());
        System.out.println("Metrics used by rules and dashboard: " + used);
        exported.forEach((t, names) -> System.out.println(t + " exports " + names.stream()
                .filter(n -> n.startsWith("dubbo_") || n.startsWith("checkup_")).toList()));
        assertThat(missing).as("metrics used by k8s/observability but exported by none of " + SCRAPED).isEmpty();
        // The rules group Dubbo's series by these labels.
        String booking = scrape("booking-service");
        assertThat(booking.lines().filter(l -> l.startsWith("dubbo_provider_requests_total{")).findFirst())
                .as("Dubbo's per-method series").hasValueSatisfying(l -> assertThat(l)
                        .contains("interface=\"com.checkup.contracts.booking.BookingService\"").contains("method=\""));
        assertThat(booking.lines().filter(l -> l.startsWith("checkup_consumer_lag{")).toList())
                .as("lag of booking-service's consumer groups").isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("group=\"").contains("topic=\""));
    }

    @Test
    void theExtractionNamesMetricsOnly() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, interface) (rate("
                + "dubbo_provider_rt_milliseconds_histogram_seconds_bucket{method=~\"h.*\"}[5m]))) > 0.5"
                + " and on (route) max without (instance) (checkup_consumer_lag offset 5m) > bool 10 unless ${x}"))
                .containsExactly("checkup_consumer_lag", "dubbo_provider_rt_milliseconds_histogram_seconds");
        assertThat(yamlExprs("- alert: A\n  expr: |\n    sum(a_total)\n      / sum(b)\n  for: 5m\n- alert: B\n  expr: c > 1\n"))
                .hasSize(2).last().isEqualTo("c > 1");
    }

    @Test
    void oneBookingsTraceIdIsInTheLogOfEveryServiceItReached() {
        Map<String, Boolean> found = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            for (String service : TRACED) {
                found.put(service, logContains(service, traceId));
            }
        } while (found.containsValue(false) && System.nanoTime() < deadline && pause());
        assertThat(found).as("trace " + traceId + " of booking " + bookingId + " in each service's log")
                .allSatisfy((service, present) -> assertThat(present).as(service).isTrue());
    }

    /**
     * The channel's callback came with a trace id of its own, yet the flow after payment is in the booking's trace:
     * payment-service logs the line linking the two, and each event of the flow after it is handled under the
     * booking's trace id (message- and hospital-sync-service see nothing of the booking before it is paid).
     */
    @Test
    void theFlowAfterThePaymentChannelsCallbackStaysInTheBookingsTrace() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("payment-service", "Notification " + callbackTraceId + " for payment " + paymentId
                + " applied under the payment's trace " + traceId);
        expected.put("order-service", "(payment.succeeded) handled by");
        expected.put("booking-service", "(order.paid) handled by");
        expected.put("message-service", "(booking.confirmed) handled by");
        expected.put("hospital-sync-service", "(booking.confirmed) handled by");
        Map<String, Boolean> found = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            expected.forEach((service, line) -> found.put(service, logContains(service, line, traceId)));
        } while (found.containsValue(false) && System.nanoTime() < deadline && pause());
        assertThat(found).as("lines of the flow after callback " + callbackTraceId + " under trace " + traceId
                        + " of booking " + bookingId + ": " + expected)
                .allSatisfy((service, present) -> assertThat(present).as(service).isTrue());
    }

    /** True when one line of the service's log contains every needle. */
    private static boolean logContains(String service, String... needles) {
        Path log = E2ePlatform.logDir().resolve(service + ".log");
        if (!Files.exists(log)) {
            return false;
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.anyMatch(l -> java.util.Arrays.stream(needles).allMatch(l::contains));
        } catch (IOException | UncheckedIOException e) {
            return false; // being written, or a partial UTF-8 sequence at the end: try again
        }
    }

    /** A short wait between polls, bounded by the callers' deadlines. */
    private static boolean pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static String scrape(String target) {
        ServiceSpec spec = E2ePlatform.config().services().stream().filter(s -> s.name().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + target + " in the platform"));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.httpPort() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> res = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(target + " /actuator/prometheus").isEqualTo(200);
            return res.body();
        } catch (IOException e) {
            throw new AssertionError(target + " scrape failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("checkup.root", "..")).toAbsolutePath().normalize();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code expr:} values of a rules file: inline, or a block scalar (the lines indented under the key). */
    static List<String> yamlExprs(String yaml) {
        List<String> out = new java.util.ArrayList<>();
        String[] lines = yaml.split("\n");
        Pattern key = Pattern.compile("^(\\s*)(?:- )?expr:\\s*(.*)$");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = key.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).trim();
            if (!value.startsWith("|") && !value.startsWith(">")) {
                out.add(value);
                continue;
            }
            int indent = m.group(1).length();
            StringBuilder block = new StringBuilder();
            while (i + 1 < lines.length && (lines[i + 1].isBlank()
                    || lines[i + 1].length() - lines[i + 1].stripLeading().length() > indent)) {
                block.append(lines[++i]).append('\n');
            }
            out.add(block.toString());
        }
        return out;
    }

    private static List<String> dashboardExprs(String json) {
        try {
            return Http.JSON.readTree(json).findValues("expr").stream().map(JsonNode::asText).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Just enough PromQL to name the metrics an expression reads, and the families a scrape exports. */
    static final class PromQl {
        private static final Set<String> WORDS = Set.of(
                // aggregations and their modifiers
                "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
                "group", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
                "and", "or", "unless", "atan2",
                // functions
                "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "histogram_quantile",
                "abs", "absent", "absent_over_time", "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max",
                "changes", "resets", "label_replace", "label_join", "vector", "scalar", "time", "timestamp",
                "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
                "last_over_time", "quantile_over_time", "present_over_time", "sort", "sort_desc", "exp", "ln", "log2",
                "log10", "sqrt", "sgn", "inf", "nan");
        /** Strings, label matchers, range selectors and Grafana variables are not metric names. */
        private static final Pattern NOISE = Pattern.compile(
                "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\{[^}]*}|\\[[^]]*]|\\$\\{?\\w+}?");
        private static final Pattern IDENT = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*");

        static Set<String> metricNames(String expr) {
            String s = stripGroupings(expr);
            s = NOISE.matcher(s).replaceAll(" ");
            Set<String> out = new TreeSet<>();
            Matcher m = IDENT.matcher(s);
            while (m.find()) {
                String id = m.group();
                int after = m.end();
                boolean call = after < s.length() && s.substring(after).stripLeading().startsWith("(");
                if (call || WORDS.contains(id.toLowerCase()) || id.matches("\\d.*")) {
                    continue;
                }
                out.add(family(id));
            }
            return out;
        }

        /** {@code by (a, b)} and friends: label names, dropped before identifiers are read. */
        private static String stripGroupings(String expr) {
            return expr.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        }

        /** A histogram's or summary's series map to their family. */
        static String family(String name) {
            return name.replaceAll("_(bucket|count|sum)$", "");
        }

        /** The metric families of a Prometheus text exposition (sample names, histogram suffixes folded). */
        static Set<String> families(String exposition) {
            Set<String> out = new TreeSet<>();
            for (String line : exposition.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                String name = line.substring(0, end);
                out.add(name);
                out.add(family(name));
            }
            return out;
        }
    }
}
