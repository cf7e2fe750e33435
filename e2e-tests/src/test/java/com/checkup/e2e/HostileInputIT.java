package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input on every route of the gateway, generated from the route table of the checkout (so a route added to
 * {@code routes.json} is covered without touching this class): hostile path variables, query values, bodies,
 * Content-Types, methods and headers, each sent once anonymously and, on a protected route, once more with the token
 * of a persona the route serves. Whatever comes in, the gateway must answer: never a 5xx, never a dropped connection,
 * and every 4xx in the envelope {@code {code, message, traceId}} with {@code X-Content-Type-Options: nosniff}.
 *
 * <p>The only 4xx answers allowed without the envelope are those the HTTP server gives before any of the gateway's
 * code runs (docs/gateway.md, "Errors"), and only for requests this class makes that way on purpose:
 * <ul>
 *   <li>a request line (URL) of 4 KB or more: reactor-netty's decoder, bare 413 (newer versions: 414) — the
 *       {@code 4000-chars} path variable where the line reaches the limit (two variables), the {@code over-long-5000}
 *       query value;</li>
 *   <li>headers over 8 KB: bare 413 (newer versions: 431) — the {@code oversized-header} header;</li>
 *   <li>a URL that {@link java.net.URI} refuses: bare 400 from Spring's request adapter — the {@code raw-url}
 *       mutations ({@code bad-escape} {@code %zz}, {@code lone-percent}, {@code raw-unicode} bytes,
 *       {@code raw-braces} {@code {x}}) and the {@code bad-escape} query value.</li>
 * </ul>
 * Which probes may answer bare is computed from the probe itself ({@link Probe#finish}) and listed in the summary.
 *
 * <p>Safety: nothing here may change state another test relies on. Path variables are ids that do not exist
 * ({@code zz-none-<name>}); bodies are malformed; the gateway's own write endpoints ({@code PUT /api/ops/lane-rules},
 * {@code PUT /api/ops/flags/...}) only ever get bodies that cannot be valid (a 2xx there is a violation); exactly two
 * logins carry a wrong password (the gateway locks a name after 5 and an address after 20 failures a minute, and
 * other classes log in from this address). All five tokens are fetched first (Http caches them for the JVM).
 */
@ExtendWith(E2ePlatform.class)
class HostileInputIT {
    private static final long SEED = 0x5EED_C0FFEEL;
    private static final int MIN_ROUTES = 30;
    private static final int MIN_REQUESTS = 500;
    private static final int MAX_REQUESTS = 3000;
    private static final int GATEWAY_BODY_LIMIT = 64 * 1024;
    /** reactor-netty's (and Spring Boot 2.3's) limits: initial line 4096, all headers 8192 bytes. */
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_BYTES = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Bare answers of the HTTP server for a request too large for its decoder (0.9: 413; 1.x: 414 / 431; 400 other). */
    private static final Set<Integer> BARE_OVERSIZE = Set.of(400, 413, 414, 431);
    /** Bare answer of Spring's request adapter for a URL {@link java.net.URI} refuses. */
    private static final Set<Integer> BARE_BAD_URL = Set.of(400);
    /**
     * The body of every probe that does not mutate the body: a JSON object that no route can take (an unknown field,
     * {@code value} an object). On PUT /api/ops/flags an object value is refused; on lane rules the unknown field is.
     */
    private static final String DEFAULT_BODY = "{\"value\":{\"zz\":1},\"zzUnknown\":1}";
    private static final String JSON_TYPE = "application/json";
    private static final String BOUNDARY = "XyZhostile0";
    /** persona → demo user (password = user + "-pass"). */
    private static final Map<String, String> USERS = new LinkedHashMap<>();

    static {
        USERS.put("CONSUMER", "consumer1");
        USERS.put("TESTER", "tester1");
        USERS.put("DESK", "desk.h001");
        USERS.put("HR", "hr.acme");
        USERS.put("OPS", "ops1");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void tokensFirst() {
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("tester1", "/api/app/hospitals").status() == 200);
        // All logins first, with the right passwords: nothing below logs in again (Http caches the tokens).
        for (String user : USERS.values()) {
            TOKENS.put(user, Http.token(user));
        }
    }

    @Test
    void everyRouteAnswersHostileInputWithTheEnvelopeNeverA5xxOrADroppedConnection() throws Exception {
        Path root = Path.of(System.getProperty("checkup.root", ".."));
        Path gatewayDocs = root.resolve("bff-gateway/src/main/resources/gateway");
        List<Route> routes = routes(Http.JSON.readTree(Files.readString(gatewayDocs.resolve("routes.json"))));
        assertThat(routes).as("routes in routes.json").hasSizeGreaterThanOrEqualTo(MIN_ROUTES);
        Map<String, Double> pacing = pacing(gatewayDocs.resolve("limits.json"));

        List<Probe> plan = plan(routes, TOKENS);
        int planned = plan.stream().mapToInt(p -> identities(p).size()).sum();
        assertThat(planned).as("requests planned").isBetween(MIN_REQUESTS, MAX_REQUESTS);
        assertThat(plan.stream().map(p -> p.route.id).collect(Collectors.toSet()))
                .as("every route is probed").containsAll(routes.stream().map(r -> r.id).toList());

        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        Set<String> bareAnswered = new LinkedHashSet<>();
        Map<String, Long> lastSent = new HashMap<>();
        int sent = 0;
        int viaSocket = 0;
        long start = System.nanoTime();
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hostile-input-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Probe p : plan) {
                for (String who : identities(p)) {
                    pace(p, who, pacing, lastSent);
                    Answer a = send(p, who, writer);
                    sent++;
                    if (a.via.equals("socket")) {
                        viaSocket++;
                    }
                    byStatus.merge(a.status, 1, Integer::sum);
                    byCategory.merge(p.category, 1, Integer::sum);
                    String problem = check(p, who, a);
                    if (problem != null) {
                        violations.add(describe(p, who, a) + "  <- " + problem);
                    } else if (a.status >= 400 && a.body.length == 0) {
                        bareAnswered.add(p.category + ":" + p.name + " " + a.status);
                    }
                }
            }
        } finally {
            writer.shutdownNow();
        }
        // The login route is limited to 10/s per client address: wait until a login from this address is served again
        // before the next class logs in from it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> Http.send("POST",
                "/api/auth/login", null, Map.of(), Map.of("username", "consumer1", "password", "consumer1-pass")).status() == 200);

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.println("HostileInputIT: " + sent + " requests (" + viaSocket + " over a raw socket) on " + routes.size()
                + " routes in " + seconds + " s; by status " + byStatus + "; by category " + byCategory
                + "; bare answers (allowed) " + bareAnswered + "; violations " + violations.size());
        violations.stream().limit(50).forEach(v -> System.out.println("  " + v));

        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(MIN_REQUESTS).isLessThanOrEqualTo(MAX_REQUESTS);
        assertThat(violations)
                .withFailMessage("%d of %d hostile requests were answered wrongly (first 50):%n%s", violations.size(), sent,
                        String.join(System.lineSeparator(), violations.subList(0, Math.min(50, violations.size()))))
                .isEmpty();
    }

    // ------------------------------------------------------------------ the route table

    /** CLIENT_ADDRESS: the connection's address, which no request can set: nothing to send for it. */
    enum Kind { PATH, QUERY, HEADER, BODY, BODY_FIELD, RAW_BODY, CLIENT_ADDRESS }

    /** One parameter source of a route: {@code path:id}, {@code query:date?}, {@code body:reason?}, {@code rawBody}. */
    record Param(Kind kind, String name, boolean optional, String type, List<String> setSources) {
        static Param of(String from, String type, List<String> setSources) {
            boolean optional = from.endsWith("?");
            String f = optional ? from.substring(0, from.length() - 1) : from;
            int colon = f.indexOf(':');
            String head = colon < 0 ? f : f.substring(0, colon);
            String name = colon < 0 ? null : f.substring(colon + 1);
            Kind kind = switch (head) {
                case "path" -> Kind.PATH;
                case "query" -> Kind.QUERY;
                case "header" -> Kind.HEADER;
                case "body" -> name == null ? Kind.BODY : Kind.BODY_FIELD;
                case "rawBody" -> Kind.RAW_BODY;
                case "client" -> Kind.CLIENT_ADDRESS;
                default -> throw new IllegalArgumentException("unknown parameter source '" + from + "'");
            };
            return new Param(kind, name, optional, type, setSources);
        }
    }

    static final class Route {
        final int index;
        final String id;
        final String method;
        final String path;
        final List<String> personas;
        final boolean open;
        final String local;
        final long maxBodyBytes;
        final List<Param> params;

        Route(int index, JsonNode n) {
            this.index = index;
            this.id = n.path("id").asText();
            this.method = n.path("method").asText("GET").toUpperCase(Locale.ROOT);
            this.path = n.path("path").asText();
            List<String> ps = new ArrayList<>();
            n.path("personas").forEach(p -> ps.add(p.asText()));
            this.personas = List.copyOf(ps);
            this.open = n.path("open").asBoolean(false);
            this.local = n.hasNonNull("local") ? n.get("local").asText() : null;
            this.maxBodyBytes = n.path("maxBodyBytes").asLong(0);
            List<Param> params = new ArrayList<>();
            for (JsonNode p : n.path("params")) {
                List<String> set = new ArrayList<>();
                p.path("set").forEach(s -> set.add(s.asText()));
                params.add(Param.of(p.path("from").asText(), p.path("type").asText("java.lang.String"), set));
            }
            this.params = List.copyOf(params);
        }

        List<String> pathVariables() {
            List<String> vars = new ArrayList<>();
            for (String s : path.split("/")) {
                if (s.startsWith("{") && s.endsWith("}")) {
                    vars.add(s.substring(1, s.length() - 1));
                }
            }
            return vars;
        }

        List<String> queryNames() {
            return params.stream().filter(p -> p.kind == Kind.QUERY).map(Param::name).toList();
        }

        /** Headers the route binds ({@code header:X-Signature}, {@code set: {idempotencyKey: header:Idempotency-Key}}). */
        List<String> headerNames() {
            List<String> names = new ArrayList<>();
            for (Param p : params) {
                if (p.kind == Kind.HEADER) {
                    names.add(p.name);
                }
                for (String s : p.setSources) {
                    String f = s.endsWith("?") ? s.substring(0, s.length() - 1) : s;
                    if (f.startsWith("header:")) {
                        names.add(f.substring("header:".length()));
                    }
                }
            }
            return names;
        }

        boolean readsBody() {
            return params.stream().anyMatch(p -> p.kind == Kind.BODY || p.kind == Kind.BODY_FIELD || p.kind == Kind.RAW_BODY)
                    || (local != null && !method.equals("GET"));
        }

        /**
         * The gateway's own write endpoints but login (lane rules, flags, whatever comes next): only bodies that can
         * never be valid go there, and a 2xx from one is a violation.
         */
        boolean sensitive() {
            return local != null && !method.equals("GET") && !local.equals("login");
        }

        /** The body limit: a Dubbo route's own {@code maxBodyBytes}, else the gateway's (local endpoints always). */
        long bodyLimit() {
            return local == null && maxBodyBytes > 0 ? maxBodyBytes : GATEWAY_BODY_LIMIT;
        }

        boolean literal() {
            return pathVariables().isEmpty();
        }

        /** Does this route's template match a concrete, raw path (as the gateway's PathTemplate does)? */
        boolean matches(String rawPath) {
            String[] want = split(path);
            String[] have = split(rawPath);
            if (want.length != have.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                if (want[i].startsWith("{")) {
                    if (have[i].isEmpty() || have[i].length() > 128) {
                        return false;
                    }
                } else if (!want[i].equals(have[i])) {
                    return false;
                }
            }
            return true;
        }

        private static String[] split(String p) {
            String s = p.startsWith("/") ? p.substring(1) : p;
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return s.isEmpty() ? new String[0] : s.split("/", -1);
        }
    }

    private static List<Route> routes(JsonNode doc) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode n : doc.path("routes")) {
            routes.add(new Route(routes.size(), n));
        }
        return routes;
    }

    /** Minimum spacing (ms) between authorized requests of a route with a flow limit (80% of its lowest qps). */
    private static Map<String, Double> pacing(Path limitsFile) throws IOException {
        Map<String, Double> pacing = new HashMap<>();
        if (!Files.exists(limitsFile)) {
            return pacing;
        }
        for (JsonNode l : Http.JSON.readTree(Files.readString(limitsFile)).path("limits")) {
            double qps = l.path("qps").asDouble(0);
            if (qps > 0) {
                pacing.merge(l.path("route").asText(), 1000.0 / (qps * 0.8), Math::max);
            }
        }
        return pacing;
    }

    // ------------------------------------------------------------------ probes

    /** One planned request, before the caller is chosen. */
    static final class Probe {
        final Route route;
        String category = "baseline";
        String name = "default";
        boolean core = true;
        String method;
        /** The request target as it goes on the wire (raw: already percent-encoded, or deliberately not). */
        String target;
        List<String[]> headers = new ArrayList<>();
        byte[] body;
        boolean chunked;
        /** Over a raw socket, whatever HttpClient would say about it. */
        boolean raw;
        /** Replaces the caller's Authorization: sent once, without a token of ours. */
        boolean replacesAuth;
        boolean preferTester;
        /** Statuses that may come bare (empty body): only for requests made that way on purpose. */
        Set<Integer> bare = Set.of();
        /** Statuses expected whoever sends it, and those expected once the caller is through auth (open routes too). */
        Set<Integer> expectAlways = Set.of();
        Set<Integer> expectAuthorized = Set.of();
        /** An X-Request-Id the answer must not echo. */
        String hostileRequestId;

        Probe(Route route) {
            this.route = route;
        }

        Probe copy(String category, String name) {
            Probe p = new Probe(route);
            p.category = category;
            p.name = name;
            p.core = core;
            p.method = method;
            p.target = target;
            for (String[] h : headers) {
                p.headers.add(h.clone());
            }
            p.body = body;
            p.chunked = chunked;
            p.raw = raw;
            p.replacesAuth = replacesAuth;
            p.preferTester = preferTester;
            p.bare = bare;
            p.expectAlways = expectAlways;
            p.expectAuthorized = expectAuthorized;
            p.hostileRequestId = hostileRequestId;
            return p;
        }

        Probe header(String name, String value) {
            without(name);
            headers.add(new String[] {name, value});
            return this;
        }

        Probe addHeader(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Probe without(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            return this;
        }

        Probe body(String contentType, byte[] bytes) {
            without("Content-Type");
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            body = bytes;
            return this;
        }

        Probe body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        Probe expect(Integer... statuses) {
            expectAlways = Set.of(statuses);
            return this;
        }

        Probe extra() {
            core = false;
            return this;
        }

        /**
         * What follows from the probe's size: a request line or headers at the decoder's limits may be answered bare
         * (and go over a raw socket: the decoder closes the connection, which must not poison HttpClient's pool);
         * a body over the route's limit is a 413 once the caller is through auth.
         */
        Probe finish() {
            int line = method.length() + 1 + target.getBytes(StandardCharsets.UTF_8).length + " HTTP/1.1".length();
            // Our headers, plus what either client adds: Host, Authorization (a token is ~300 bytes), Content-Length,
            // User-Agent, Connection.
            int headerBytes = 600;
            for (String[] h : headers) {
                headerBytes += h[0].length() + 4 + h[1].getBytes(StandardCharsets.UTF_8).length;
            }
            if (line >= MAX_INITIAL_LINE - 8 || headerBytes >= MAX_HEADER_BYTES - 200) {
                bare = union(bare, BARE_OVERSIZE);
                raw = true;
            }
            if (body != null && route.readsBody() && body.length > route.bodyLimit()) {
                expectAuthorized = Set.of(413);
            }
            return this;
        }
    }

    /** The whole plan: for each route, in the table's order, its probes; deterministic (fixed seed). */
    static List<Probe> plan(List<Route> routes, Map<String, String> tokens) {
        Random rnd = new Random(SEED);
        List<Probe> plan = new ArrayList<>();
        Set<String> seen = new HashSet<>(); // "METHOD path" already probed: a path shared by routes is probed once
        Map<String, Integer> uses = new HashMap<>();
        for (Route r : routes) {
            Probe base = base(r);
            List<Probe> mine = new ArrayList<>();
            // Every core probe of each category, plus k of its other ones (seeded): each hostile value lands on
            // several routes, every route gets every category, and the total stays well within MAX_REQUESTS.
            take(mine, pathVariableProbes(base), 3, rnd, uses);
            take(mine, rawUrlProbes(base), 1, rnd, uses);
            take(mine, nearMissProbes(base), 1, rnd, uses);
            take(mine, queryProbes(base), 2, rnd, uses);
            take(mine, bodyProbes(base), 4, rnd, uses);
            take(mine, contentTypeProbes(base, seen), r.readsBody() ? 3 : 1, rnd, uses);
            take(mine, methodProbes(base, routes, seen), 1, rnd, uses);
            take(mine, headerProbes(base), 2, rnd, uses);
            take(mine, authProbes(base, tokens), 2, rnd, uses);
            take(mine, loginProbes(base), 0, rnd, uses);
            for (Probe p : mine) {
                plan.add(p.finish());
            }
        }
        trim(plan, rnd);
        return plan;
    }

    /**
     * Adds every core probe and {@code k} of the others: the least used so far (so every hostile value of a category
     * is sent somewhere before any is sent twice), ties broken by the seeded random.
     */
    private static void take(List<Probe> out, List<Probe> probes, int k, Random rnd, Map<String, Integer> uses) {
        List<Probe> extras = new ArrayList<>();
        for (Probe p : probes) {
            if (p.core) {
                out.add(p);
            } else {
                extras.add(p);
            }
        }
        Collections.shuffle(extras, rnd);
        extras.sort(java.util.Comparator.comparingInt(p -> uses.getOrDefault(p.category + ":" + p.name, 0)));
        for (Probe p : extras.subList(0, Math.min(k, extras.size()))) {
            uses.merge(p.category + ":" + p.name, 1, Integer::sum);
            out.add(p);
        }
    }

    /** Keeps the plan within MAX_REQUESTS as routes are added: drops chosen extras first, then core probes (seeded). */
    private static void trim(List<Probe> plan, Random rnd) {
        int total = plan.stream().mapToInt(p -> identities(p).size()).sum();
        for (boolean core : new boolean[] {false, true}) {
            List<Probe> candidates = new ArrayList<>(plan.stream().filter(p -> p.core == core && !p.category.equals("login")).toList());
            Collections.shuffle(candidates, rnd);
            Set<Probe> drop = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Probe p : candidates) {
                if (total <= MAX_REQUESTS) {
                    break;
                }
                drop.add(p);
                total -= identities(p).size();
            }
            plan.removeIf(drop::contains);
        }
    }

    /** The route's own request: ids that do not exist, every query parameter and bound header, a body it cannot take. */
    private static Probe base(Route r) {
        Probe p = new Probe(r);
        p.method = r.method;
        p.target = target(r, defaults(r), defaultQuery(r));
        for (String h : r.headerNames()) {
            p.header(h, "zz-none");
        }
        if (r.readsBody()) {
            p.body(JSON_TYPE, DEFAULT_BODY);
        }
        return p;
    }

    private static Map<String, String> defaults(Route r) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String v : r.pathVariables()) {
            vars.put(v, "zz-none-" + v.toLowerCase(Locale.ROOT));
        }
        return vars;
    }

    private static String defaultQuery(Route r) {
        return r.queryNames().stream().map(n -> enc(n) + "=zz-none").collect(Collectors.joining("&"));
    }

    /** The route's path with each variable replaced by a raw (already encoded, or deliberately not) value. */
    private static String path(Route r, Map<String, String> rawValues) {
        StringBuilder b = new StringBuilder();
        for (String s : r.path.substring(1).split("/", -1)) {
            b.append('/');
            b.append(s.startsWith("{") && s.endsWith("}") ? rawValues.get(s.substring(1, s.length() - 1)) : s);
        }
        return b.toString();
    }

    private static String target(Route r, Map<String, String> rawValues, String query) {
        String p = path(r, rawValues);
        return query == null || query.isEmpty() ? p : p + "?" + query;
    }

    private static Map<String, String> all(Route r, String rawValue) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String v : r.pathVariables()) {
            vars.put(v, rawValue);
        }
        return vars;
    }

    // -- path variables

    private static List<Probe> pathVariableProbes(Probe base) {
        Route r = base.route;
        List<Probe> out = new ArrayList<>();
        if (r.literal()) {
            return out;
        }
        String[][] values = {
            // name, raw value (already percent-encoded where it has to be), core?
            {"4000-chars", "A".repeat(4000), "core"},
            {"crlf-injection", "x%0D%0AX-Injected:%20yes", "core"},
            {"lf-injection", "x%0Ay"},
            {"traversal", "..%2F..%2Fetc%2Fpasswd"},
            {"dot-dot", ".."},
            {"unicode", enc("体检😀\u202Eabc\uFEFF")},
            {"sql", enc("'; DROP TABLE x;--")},
            {"blank", "%20"},
            {"number-overflow", "99999999999999999999"},
            {"negative", "-1"},
            {"nul", "%00"},
            {"double-encoded", "%252e%252e%252f"},
            {"129-chars", "B".repeat(129)},
            {"script", enc("<script>alert(1)</script>")},
            {"jndi", enc("${jndi:ldap://127.0.0.1:1/a}")},
            {"nosql", enc("{\"$ne\":null}")},
            {"matrix", "x;jsessionid=1"},
            {"plus", "a+b"},
        };
        for (String[] v : values) {
            Probe p = base.copy("path-variable", v[0]);
            p.target = target(r, all(r, v[1]), defaultQuery(r));
            if (v.length < 3) {
                p.extra();
            }
            out.add(p);
        }
        return out;
    }

    /** URLs that java.net.URI refuses (a bad % escape, raw non-ASCII bytes, an unfilled template): bare 400 allowed. */
    private static List<Probe> rawUrlProbes(Probe base) {
        Route r = base.route;
        String[][] values = {
            {"bad-escape", "%zz", "core"},
            {"lone-percent", "abc%"},
            {"raw-unicode", "体检é\u00A0x"},
            {"raw-braces", "{x}"},
        };
        List<Probe> out = new ArrayList<>();
        for (String[] v : values) {
            Probe p = base.copy("raw-url", v[0]);
            if (r.literal()) {
                String q = defaultQuery(r);
                p.target = path(r, Map.of()) + "?" + (q.isEmpty() ? "" : q + "&") + "zz=" + v[1];
            } else {
                p.target = target(r, all(r, v[1]), defaultQuery(r));
            }
            p.raw = true;
            p.bare = BARE_BAD_URL;
            if (v.length < 3) {
                p.extra();
            }
            out.add(p);
        }
        return out;
    }

    private static List<Probe> nearMissProbes(Probe base) {
        Route r = base.route;
        String path = path(r, defaults(r));
        String q = defaultQuery(r);
        String query = q.isEmpty() ? "" : "?" + q;
        String[][] values = {
            {"trailing-slash", path + "/" + query},
            {"double-slash", path.replaceFirst("/", "//") + query},
            {"dot-segment", path.replaceFirst("/api/", "/api/./") + query},
            {"upper-case", path.toUpperCase(Locale.ROOT) + query},
            {"dot-dot-to-actuator", path + "/../../../actuator/prometheus" + query},
            {"encoded-slashes", "/" + path.substring(1).replace("/", "%2F") + query},
        };
        List<Probe> out = new ArrayList<>();
        for (String[] v : values) {
            Probe p = base.copy("near-miss-path", v[0]).extra();
            p.target = v[1];
            out.add(p);
        }
        return out;
    }

    // -- query

    private static List<Probe> queryProbes(Probe base) {
        Route r = base.route;
        List<Probe> out = new ArrayList<>();
        String path = path(r, defaults(r));
        List<String> names = r.queryNames();
        if (!names.isEmpty()) {
            String first = enc(names.get(0));
            String rest = names.stream().skip(1).map(n -> enc(n) + "=zz-none").collect(Collectors.joining("&"));
            String[][] values = {
                {"missing", "", "core"},
                {"duplicated", names.stream().map(n -> enc(n) + "=zz-none&" + enc(n) + "=zz-other").collect(Collectors.joining("&")), "core"},
                {"huge-3000", join(first + "=" + "q".repeat(3000), rest), "core"},
                {"crlf", every(names, "x%0D%0AX-Injected:%20yes"), "core"},
                {"over-long-5000", join(first + "=" + "q".repeat(5000), rest)},
                {"sql", every(names, enc("' OR '1'='1'; DROP TABLE x;--"))},
                {"nul", every(names, "%00")},
                {"unicode", every(names, enc("体检😀\u202E"))},
                {"empty-values", every(names, "")},
                {"keys-only", names.stream().map(HostileInputIT::enc).collect(Collectors.joining("&"))},
                {"array-syntax", names.stream().map(n -> enc(n) + "%5B%5D=1&" + enc(n) + "%5Bx%5D=2").collect(Collectors.joining("&"))},
                {"number-overflow", every(names, "99999999999999999999")},
                {"date-garbage", every(names, "2024-02-30T25:61:61Z")},
                {"bad-escape", every(names, "%zz")},
            };
            for (String[] v : values) {
                Probe p = base.copy("query", v[0]);
                p.target = v[1].isEmpty() ? path : path + "?" + v[1];
                if (v[0].equals("bad-escape")) {
                    p.raw = true;
                    p.bare = BARE_BAD_URL;
                }
                if (v.length < 3) {
                    p.extra();
                }
                out.add(p);
            }
        }
        Probe junk = base.copy("query", "unexpected-parameters");
        String q = defaultQuery(r);
        junk.target = path + "?" + (q.isEmpty() ? "" : q + "&") + "zz=%0D%0A&zz=2&__proto__%5Badmin%5D=1&%24where=1&class.classLoader=x";
        out.add(junk);
        return out;
    }

    private static String every(List<String> names, String rawValue) {
        return names.stream().map(n -> enc(n) + "=" + rawValue).collect(Collectors.joining("&"));
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a + "&" + b;
    }

    // -- bodies

    /** Fields a route's body may carry, with their Java types: login/flags/lane rules, body:<field>, a body's DTO. */
    private static Map<String, Class<?>> bodyFields(Route r) {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        if (r.local != null) {
            switch (r.local) {
                case "login" -> {
                    fields.put("username", String.class);
                    fields.put("password", String.class);
                }
                case "lane-rules-update" -> {
                    fields.put("users", Map.class);
                    fields.put("tenants", Map.class);
                    fields.put("appVersions", Map.class);
                }
                default -> fields.put("value", String.class);
            }
        }
        for (Param p : r.params) {
            if (p.kind == Kind.BODY) {
                Class<?> c = load(p.type);
                for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers())) {
                            fields.putIfAbsent(f.getName(), f.getType());
                        }
                    }
                }
            } else if (p.kind == Kind.BODY_FIELD) {
                Class<?> c = load(p.type);
                fields.put(p.name, c == null ? String.class : c);
            }
        }
        if (fields.isEmpty()) {
            fields.put("value", String.class);
        }
        return fields;
    }

    private static Class<?> load(String type) {
        if (type == null || type.isBlank() || type.equals("byte[]")) {
            return null;
        }
        try {
            return Class.forName(type, false, HostileInputIT.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** A JSON value of a type the field does not have: an object for a string, a non-number for a number, ... */
    private static String wrongType(Class<?> t) {
        if (t == String.class || CharSequence.class.isAssignableFrom(t) || t == char.class || t == Character.class || t.isEnum()) {
            return "{\"zz\":1}";
        }
        if ((t.isPrimitive() && t != boolean.class) || Number.class.isAssignableFrom(t)) {
            return "\"not-a-number\"";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "\"not-a-boolean\"";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "\"not-a-list\"";
        }
        if (Map.class.isAssignableFrom(t)) {
            return "\"not-a-map\"";
        }
        return "\"not an object\"";
    }

    private static String object(Map<String, Class<?>> fields, java.util.function.Function<Class<?>, String> value) {
        return fields.entrySet().stream().map(e -> TextNode.valueOf(e.getKey()) + ":" + value.apply(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static List<Probe> bodyProbes(Probe base) {
        Route r = base.route;
        List<Probe> out = new ArrayList<>();
        if (!r.readsBody()) {
            if (r.method.equals("GET")) {
                // A body on a GET: nothing reads it, nothing may choke on it either.
                out.add(base.copy("body", "json-on-a-get").body(JSON_TYPE, DEFAULT_BODY));
            }
            return out;
        }
        Map<String, Class<?>> fields = bodyFields(r);
        String padding = "x".repeat(10_000);
        byte[] over64k = ("{\"zzPad\":\"" + "p".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        // Bodies that can never be valid on any route.
        out.add(base.copy("body", "empty").body(JSON_TYPE, new byte[0]));
        out.add(base.copy("body", "empty-without-content-type").body(null, new byte[0]).extra());
        out.add(base.copy("body", "not-json").body(JSON_TYPE, "this is not json {"));
        out.add(base.copy("body", "truncated").body(JSON_TYPE, DEFAULT_BODY.substring(0, DEFAULT_BODY.length() - 7)));
        out.add(base.copy("body", "array").body(JSON_TYPE, "[1,2,3]"));
        out.add(base.copy("body", "string").body(JSON_TYPE, "\"just a string\"").extra());
        out.add(base.copy("body", "number").body(JSON_TYPE, "42").extra());
        out.add(base.copy("body", "null").body(JSON_TYPE, "null"));
        out.add(base.copy("body", "true").body(JSON_TYPE, "true").extra());
        out.add(base.copy("body", "wrong-types").body(JSON_TYPE, object(fields, HostileInputIT::wrongType)));
        out.add(base.copy("body", "wrong-types-arrays").body(JSON_TYPE, object(fields, t -> "[1,\"two\",{\"three\":3}]")).extra());
        out.add(base.copy("body", "deep-arrays-100").body(JSON_TYPE, "[".repeat(100) + "]".repeat(100)));
        out.add(base.copy("body", "deep-arrays-30000").body(JSON_TYPE, "[".repeat(30_000) + "]".repeat(30_000)));
        out.add(base.copy("body", "deep-objects-100").body(JSON_TYPE, "{\"a\":".repeat(100) + "1" + "}".repeat(100)));
        // 150 KB: over the gateway's 64 KB limit (a 413 there), nested 30,000 deep where the route takes more.
        out.add(base.copy("body", "deep-objects-30000").body(JSON_TYPE, "{\"a\":".repeat(30_000) + "1" + "}".repeat(30_000)));
        // 60 KB: under the limit, so the depth check (not the size limit) must refuse it.
        out.add(base.copy("body", "deep-objects-12000-unclosed").body(JSON_TYPE, "{\"a\":".repeat(12_000)).extra());
        out.add(base.copy("body", "invalid-utf8").body(JSON_TYPE, concat("{\"value\":\"".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0x80}, "\"}".getBytes(StandardCharsets.US_ASCII))));
        out.add(base.copy("body", "overlong-utf8-and-surrogate").body(JSON_TYPE, concat("{\"value\":\"".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}".getBytes(StandardCharsets.US_ASCII))).extra());
        out.add(base.copy("body", "nul-byte").body(JSON_TYPE, concat("{\"value\":\"a".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0}, "\"}".getBytes(StandardCharsets.US_ASCII))).extra());
        out.add(base.copy("body", "over-64KB").body(JSON_TYPE, over64k));
        if (r.bodyLimit() > GATEWAY_BODY_LIMIT) {
            byte[] huge = new byte[(int) r.bodyLimit() + 1];
            Arrays.fill(huge, (byte) 'a');
            out.add(base.copy("body", "over-maxBodyBytes-" + r.bodyLimit()).body(JSON_TYPE, huge));
        } else {
            Probe chunked = base.copy("body", "chunked-over-64KB").body(JSON_TYPE, over64k);
            chunked.chunked = true;
            out.add(chunked);
        }
        Probe chunked = base.copy("body", "chunked").body(JSON_TYPE, DEFAULT_BODY).extra();
        chunked.chunked = true;
        out.add(chunked);
        out.add(base.copy("body", "byte-order-mark").body(JSON_TYPE, "\uFEFF" + DEFAULT_BODY).extra());
        out.add(base.copy("body", "trailing-garbage").body(JSON_TYPE, DEFAULT_BODY + " }{ garbage").extra());
        out.add(base.copy("body", "comments-and-single-quotes").body(JSON_TYPE, "{'value': /* x */ {'zz': 1}, // y\n 'zzUnknown': 1}").extra());
        out.add(base.copy("body", "nan-and-infinity").body(JSON_TYPE, "{\"value\":{\"zz\":NaN},\"zzUnknown\":-Infinity}").extra());
        out.add(base.copy("body", "duplicate-keys").body(JSON_TYPE, "{\"value\":{\"zz\":1},\"value\":{\"zz\":2},\"zzUnknown\":1}").extra());
        out.add(base.copy("body", "unicode-escapes").body(JSON_TYPE, "{\"value\":{\"\\u0000\\ud800\":\"\\udfff\\u202e\"},\"zzUnknown\":1}").extra());

        // Bodies that are JSON objects of plausible fields: never valid on the Dubbo routes (ids that do not exist,
        // numbers where strings are due, unknown fields refused), but a flag or lane-rules endpoint could take one
        // (e.g. {"value": null} clears a flag): not sent to sensitive routes.
        if (!r.sensitive()) {
            out.add(base.copy("body", "huge-float-1e400").body(JSON_TYPE, object(fields, t -> "1e400")));
            out.add(base.copy("body", "huge-integer").body(JSON_TYPE, object(fields, t -> "123456789012345678901234567890")));
            out.add(base.copy("body", "unknown-fields").body(JSON_TYPE,
                    "{\"zzUnknown\":1,\"class\":\"java.lang.ProcessBuilder\",\"@type\":\"java.lang.Runtime\",\"__proto__\":{\"admin\":true}}"));
            out.add(base.copy("body", "10000-char-strings").body(JSON_TYPE, object(fields, t -> "\"" + padding + "\"")));
            out.add(base.copy("body", "empty-object").body(JSON_TYPE, "{}").extra());
            out.add(base.copy("body", "null-fields").body(JSON_TYPE, object(fields, t -> "null")).extra());
            out.add(base.copy("body", "negative-and-fractions").body(JSON_TYPE, object(fields, t -> "-0.5e-400")).extra());
        }
        return out;
    }

    /** The only wrong-password logins of this class: two (the gateway locks a name after 5, an address after 20). */
    private static List<Probe> loginProbes(Probe base) {
        List<Probe> out = new ArrayList<>();
        if (!"login".equals(base.route.local)) {
            return out;
        }
        Probe sql = base.copy("login", "wrong-password-hostile-username")
                .body(JSON_TYPE, "{\"username\":\"'; DROP TABLE users;--\",\"password\":\"x\"}");
        sql.expectAuthorized = Set.of(401);
        out.add(sql);
        Probe unicode = base.copy("login", "wrong-password-unicode-username")
                .body(JSON_TYPE, "{\"username\":\"体检\\u202e\\u0000用户\",\"password\":\"wrong\"}");
        unicode.expectAuthorized = Set.of(401);
        out.add(unicode);
        return out;
    }

    // -- content types

    private static List<Probe> contentTypeProbes(Probe base, Set<String> done) {
        Route r = base.route;
        boolean bodyRoute = r.readsBody();
        byte[] multipart = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + DEFAULT_BODY + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        List<Probe> out = new ArrayList<>();
        out.add(base.copy("content-type", "multipart-with-boundary").body("multipart/form-data; boundary=" + BOUNDARY, multipart).expect(415));
        out.add(core(base.copy("content-type", "multipart-without-boundary").body("multipart/form-data", multipart).expect(415), bodyRoute));
        out.add(base.copy("content-type", "multipart-mixed").body("multipart/mixed; boundary=" + BOUNDARY, multipart).expect(415).extra());
        out.add(core(base.copy("content-type", "form-urlencoded").body("application/x-www-form-urlencoded", "value=1&zz=%0D%0A"), bodyRoute));
        out.add(core(base.copy("content-type", "text-xml-xxe").body("text/xml", xxe), bodyRoute));
        out.add(core(base.copy("content-type", "wildcard").body("*/*", DEFAULT_BODY).expect(415), bodyRoute));
        out.add(base.copy("content-type", "wildcard-subtype").body("application/*", DEFAULT_BODY).expect(415).extra());
        out.add(base.copy("content-type", "garbage").body(";;;", DEFAULT_BODY).expect(400));
        out.add(base.copy("content-type", "two-types").body("application/json, text/plain", DEFAULT_BODY).expect(400).extra());
        out.add(base.copy("content-type", "text-plain").body("text/plain; charset=utf-8", "value=1").extra());
        out.add(base.copy("content-type", "octet-stream").body("application/octet-stream", DEFAULT_BODY).extra());
        out.add(base.copy("content-type", "empty").body("", DEFAULT_BODY).extra());
        out.add(base.copy("content-type", "json-utf16").body("application/json; charset=UTF-16", DEFAULT_BODY.getBytes(StandardCharsets.UTF_16)).extra());
        out.add(base.copy("content-type", "jsonx").body("application/jsonx", DEFAULT_BODY).extra());
        out.add(base.copy("content-type", "vendor-json").body("application/vnd.checkup+json", DEFAULT_BODY).extra());
        out.add(base.copy("content-type", "300-parameters").body("application/json; " + "a=b; ".repeat(300) + "c=d", DEFAULT_BODY).extra());
        // A multipart GET on the path of a route that is no GET: refused at the edge (415) before routing (405).
        String path = path(r, defaults(r));
        if (!r.method.equals("GET") && done.add("GET-multipart " + path)) {
            Probe get = base.copy("content-type", "multipart-on-a-get").body("multipart/form-data; boundary=" + BOUNDARY, multipart).expect(415);
            get.method = "GET";
            out.add(get);
        }
        return out;
    }

    private static Probe core(Probe p, boolean core) {
        p.core = core;
        return p;
    }

    // -- methods

    private static List<Probe> methodProbes(Probe base, List<Route> routes, Set<String> done) {
        Route r = base.route;
        String path = path(r, defaults(r));
        Set<String> served = new HashSet<>();
        for (Route other : routes) {
            if (other.matches(path)) {
                served.add(other.method);
            }
        }
        List<Probe> out = new ArrayList<>();
        for (String m : List.of("DELETE", "PATCH", "OPTIONS", "FOO", "PUT", "POST", "GET")) {
            if (served.contains(m) || !done.add(m + " " + path)) {
                continue;
            }
            Probe p = base.copy("method", m).expect(405);
            p.method = m;
            p.body = null;
            p.without("Content-Type");
            if (m.equals("PATCH") || m.equals("PUT") || m.equals("POST")) {
                p.body(JSON_TYPE, DEFAULT_BODY);
            }
            if (!m.equals("DELETE") && !m.equals("PATCH")) {
                p.extra();
            }
            out.add(p);
        }
        return out;
    }

    // -- headers

    private static List<Probe> headerProbes(Probe base) {
        List<Probe> out = new ArrayList<>();
        // Every route: a CR/LF-ish request id (must not come back) and the headers that could steer ShenYu itself.
        out.add(requestId(base, "crlf-ish", "hostile%0D%0AX-Injected:%20yes"));
        out.add(base.copy("header", "steering-headers").header("Dubbo_Tag_Route", "gray").header("rpc_type", "springCloud"));
        int core = out.size();

        out.add(lane(base, "crlf-ish", "gray%0D%0AX-Injected: yes"));
        out.add(lane(base, "traversal", "../../etc/passwd"));
        out.add(lane(base, "1000-chars", "g".repeat(1000)));
        out.add(lane(base, "sql", "'; DROP TABLE lanes;--"));
        out.add(lane(base, "upper-case", "GRAY"));
        out.add(lane(base, "line-separator", "gray\u2028X-Injected: yes"));
        out.add(lane(base, "blank", "   "));
        out.add(requestId(base, "500-chars", "r".repeat(500)));
        out.add(requestId(base, "escaped-crlf", "abc\\r\\nSet-Cookie: a=b"));
        out.add(requestId(base, "line-separators", "abc\u2028def\u0085ghi"));
        out.add(requestId(base, "script", "<script>alert(1)</script>"));
        out.add(requestId(base, "65-chars", "a".repeat(65)));
        out.add(requestId(base, "jndi", "${jndi:ldap://127.0.0.1:1/a}"));
        out.add(requestId(base, "tab", "abc\tdef"));
        out.add(requestId(base, "empty", ""));
        out.add(base.copy("header", "idempotency-key-4000-chars").header("Idempotency-Key", "k".repeat(4000)));
        out.add(base.copy("header", "idempotency-key-sql").header("Idempotency-Key", "'; DROP TABLE bookings;--"));
        out.add(base.copy("header", "idempotency-key-crlf-ish").header("Idempotency-Key", "%0D%0A\tX-Injected: yes"));
        out.add(base.copy("header", "idempotency-key-unicode").header("Idempotency-Key", "键\u2028\uFEFF😀"));
        out.add(base.copy("header", "idempotency-key-empty").header("Idempotency-Key", ""));
        out.add(base.copy("header", "dubbo-tag-route").header("Dubbo_Tag_Route", "gray"));
        out.add(base.copy("header", "rpc-type").header("rpc_type", "http"));
        out.add(base.copy("header", "steering-lower-case").header("dubbo_tag_route", "gray").header("dubbo.tag", "gray")
                .header("tag", "gray").header("rpc_type", "sofa"));
        out.add(base.copy("header", "app-version").header("X-App-Version", "2.5.0'; DROP TABLE x;--" + "9".repeat(1000)));
        out.add(base.copy("header", "oversized-header").header("X-Pad", "p".repeat(9000)));
        Probe many = base.copy("header", "100-headers");
        for (int i = 0; i < 100; i++) {
            many.addHeader("X-H-" + i, "v" + i);
        }
        out.add(many);
        out.add(base.copy("header", "forwarded-spoofing").header("X-Forwarded-For", "10.0.0.1, 127.0.0.1")
                .header("X-Real-IP", "10.0.0.1").header("Forwarded", "for=10.0.0.1;proto=https"));
        // read by the gateway (it trusts its test client as a proxy): names, zones, junk and a long chain end the walk
        out.add(base.copy("header", "forwarded-long-chain").header("X-Forwarded-For",
                "evil.example.com, fe80::1%eth0, [::1, 999.1.1.1:99999, " + "127.0.0.1, ".repeat(400) + "127.0.0.1"));
        out.add(base.copy("header", "forwarded-name").header("X-Forwarded-For", "10.0.0.1, evil.example.com"));
        out.add(base.copy("header", "forwarded-not-literal").header("X-Forwarded-For", "10.0.0.1, [.::]:80, .::, 127.0.0.1"));
        out.add(base.copy("header", "duplicate-request-ids").addHeader("X-Request-Id", "dup-a").addHeader("X-Request-Id", "dup-b"));
        out.add(base.copy("header", "accept-xml").header("Accept", "application/xml;q=garbage"));
        out.subList(core, out.size()).forEach(Probe::extra);
        return out;
    }

    private static Probe lane(Probe base, String name, String value) {
        Probe p = base.copy("header", "x-lane-" + name).header("X-Lane", value);
        p.preferTester = true;
        return p;
    }

    private static Probe requestId(Probe base, String name, String value) {
        Probe p = base.copy("header", "x-request-id-" + name).header("X-Request-Id", value);
        p.hostileRequestId = value;
        return p;
    }

    // -- authorization

    private static List<Probe> authProbes(Probe base, Map<String, String> tokens) {
        Route r = base.route;
        List<Probe> out = new ArrayList<>();
        Integer unauthenticated = r.open ? null : 401;
        String user = userFor(r, false);
        String persona = user == null ? "TESTER" : personaOf(user);
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"checkup\",\"sub\":\"" + (user == null ? "tester1" : user) + "\",\"persona\":\"" + persona
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        out.add(auth(base, "garbage-bearer", "Bearer garbage.garbage.garbage", unauthenticated));
        out.add(auth(base, "alg-none", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".", unauthenticated));
        out.add(auth(base, "empty-bearer", "Bearer ", unauthenticated).extra());
        out.add(auth(base, "basic", "Basic " + b64("tester1:tester1-pass"), unauthenticated).extra());
        out.add(auth(base, "not-base64", "Bearer !!!.@@@.###", unauthenticated).extra());
        out.add(auth(base, "two-parts", "Bearer " + b64("{\"alg\":\"HS256\"}") + "." + b64(claims), unauthenticated).extra());
        out.add(auth(base, "deep-header", "Bearer " + b64("{\"alg\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}")
                + "." + b64(claims) + ".c2ln", unauthenticated).extra());
        out.add(auth(base, "6000-char-token", "Bearer " + "A".repeat(2000) + "." + "B".repeat(2000) + "." + "C".repeat(2000), unauthenticated).extra());
        out.add(auth(base, "alg-hs512", "Bearer " + b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".c2ln", unauthenticated).extra());
        out.add(auth(base, "huge-exp", "Bearer " + b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
                + b64(claims.replaceAll("\"exp\":\\d+", "\"exp\":99999999999999999999999")) + ".c2ln", unauthenticated).extra());
        out.add(auth(base, "lower-case-scheme", "bearer garbage", unauthenticated).extra());
        String real = user == null ? null : tokens.get(user);
        if (real != null && real.split("\\.").length == 3) {
            String[] parts = real.split("\\.");
            String decoded = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replaceAll("\"sub\":\"[^\"]*\"", "\"sub\":\"admin\"");
            out.add(auth(base, "tampered-claims", "Bearer " + parts[0] + "." + b64(decoded) + "." + parts[2], unauthenticated).extra());
            Probe both = auth(base, "two-authorization-headers", "Bearer garbage", unauthenticated).extra();
            both.addHeader("Authorization", "Bearer " + real);
            out.add(both);
        }
        String other = otherPersonaUser(r);
        if (!r.open && other != null && tokens.get(other) != null) {
            out.add(auth(base, "persona-not-served", "Bearer " + tokens.get(other), 403).extra());
        }
        return out;
    }

    private static Probe auth(Probe base, String name, String authorization, Integer expected) {
        Probe p = base.copy("auth", name).header("Authorization", authorization);
        p.replacesAuth = true;
        if (expected != null) {
            p.expect(expected);
        }
        return p;
    }

    // ------------------------------------------------------------------ callers

    /** Anonymous always; then, on a protected route, a user of a persona it serves. */
    private static List<String> identities(Probe p) {
        List<String> who = new ArrayList<>();
        who.add(null);
        if (!p.replacesAuth && !p.route.open) {
            String user = userFor(p.route, p.preferTester);
            if (user != null) {
                who.add(user);
            }
        }
        return who;
    }

    private static String userFor(Route r, boolean preferTester) {
        if (r.open) {
            return null;
        }
        if (preferTester && r.personas.contains("TESTER")) {
            return USERS.get("TESTER");
        }
        for (String persona : r.personas) {
            if (USERS.containsKey(persona)) {
                return USERS.get(persona);
            }
        }
        return null;
    }

    private static String otherPersonaUser(Route r) {
        for (Map.Entry<String, String> e : USERS.entrySet()) {
            if (!r.personas.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String personaOf(String user) {
        return USERS.entrySet().stream().filter(e -> e.getValue().equals(user)).map(Map.Entry::getKey).findFirst().orElse("TESTER");
    }

    /** Keeps authorized requests of a flow-limited route under its limit (a 429 is fine, but hides what was probed). */
    private static void pace(Probe p, String who, Map<String, Double> pacing, Map<String, Long> lastSent) throws InterruptedException {
        Double gapMs = pacing.get(p.route.id);
        if (gapMs == null || (who == null && !p.route.open)) {
            return;
        }
        Long last = lastSent.get(p.route.id);
        if (last != null) {
            long waitNanos = last + (long) (gapMs * 1_000_000) - System.nanoTime();
            if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            }
        }
        lastSent.put(p.route.id, System.nanoTime());
    }

    // ------------------------------------------------------------------ sending

    record Answer(int status, Map<String, List<String>> headers, byte[] body, String failure, String via) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static Answer failed(String failure, String via) {
            return new Answer(-1, Map.of(), new byte[0], failure, via);
        }
    }

    private static List<String[]> headersFor(Probe p, String who) {
        List<String[]> headers = new ArrayList<>(p.headers);
        if (who != null) {
            headers.add(new String[] {"Authorization", "Bearer " + TOKENS.get(who)});
        }
        return headers;
    }

    private static Answer send(Probe p, String who, ExecutorService writer) {
        List<String[]> headers = headersFor(p, who);
        boolean socket = p.raw || p.chunked || (p.body != null && p.body.length > GATEWAY_BODY_LIMIT);
        if (!socket) {
            HttpRequest request;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(E2ePlatform.gatewayUrl() + p.target)).timeout(TIMEOUT);
                for (String[] h : headers) {
                    b.header(h[0], h[1]);
                }
                b.method(p.method, p.body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(p.body));
                request = b.build();
            } catch (IllegalArgumentException refusedByHttpClient) {
                // A header value, name or URL HttpClient will not send: over a raw socket.
                return viaSocket(p, headers, writer);
            }
            try {
                HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
                Map<String, List<String>> hs = new HashMap<>();
                r.headers().map().forEach((k, v) -> hs.put(k.toLowerCase(Locale.ROOT), v));
                return new Answer(r.statusCode(), hs, r.body() == null ? new byte[0] : r.body(), null, "client");
            } catch (IOException e) {
                return Answer.failed(e.toString(), "client");
            } catch (IllegalArgumentException refusedByHttpClient) {
                return viaSocket(p, headers, writer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return viaSocket(p, headers, writer);
    }

    /**
     * One request on its own connection ({@code Connection: close}), bytes as they are. The request is written on
     * another thread while this one reads: a gateway may answer (401, 413) before it has read a large body, and
     * the answer must be read before the connection resets.
     */
    private static Answer viaSocket(Probe p, List<String[]> headers, ExecutorService writer) {
        int port = E2ePlatform.config().gatewayPort();
        StringBuilder head = new StringBuilder();
        head.append(p.method).append(' ').append(p.target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (p.chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (p.body != null) {
            head.append("Content-Length: ").append(p.body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = p.body;
        boolean chunked = p.chunked;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            Future<?> writing = writer.submit(() -> {
                out.write(headBytes);
                if (body != null && chunked) {
                    for (int i = 0; i < body.length; i += 8192) {
                        int n = Math.min(8192, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
                return null;
            });
            Answer a = readAnswer(s.getInputStream());
            s.close(); // unblocks a writer the gateway stopped reading from
            try {
                writing.get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // a write the gateway refused to read any further (it answered first): fine once it answered
                writing.cancel(true);
            }
            return a;
        } catch (IOException e) {
            return Answer.failed(e.toString(), "socket");
        }
    }

    private static Answer readAnswer(InputStream raw) {
        BufferedInputStream in = new BufferedInputStream(raw);
        int status;
        Map<String, List<String>> headers = new HashMap<>();
        try {
            while (true) {
                String statusLine = line(in);
                if (statusLine == null) {
                    return Answer.failed("connection closed without a status line", "socket");
                }
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    return Answer.failed("not an HTTP status line: " + printable(statusLine, 100), "socket");
                }
                try {
                    status = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    return Answer.failed("not an HTTP status line: " + printable(statusLine, 100), "socket");
                }
                headers.clear();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .add(h.substring(colon + 1).trim());
                    }
                }
                if (status >= 200 || status < 100) {
                    break;
                }
            }
        } catch (IOException e) {
            return Answer.failed("no answer: " + e, "socket");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            List<String> te = headers.get("transfer-encoding");
            List<String> cl = headers.get("content-length");
            if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
                while (true) {
                    String size = line(in);
                    if (size == null) {
                        throw new IOException("connection closed inside a chunked body");
                    }
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) {
                            // trailers: ignored
                        }
                        break;
                    }
                    body.write(in.readNBytes(n));
                    line(in);
                }
            } else if (cl != null) {
                long n = Long.parseLong(cl.get(0).trim());
                byte[] b = in.readNBytes((int) Math.min(n, 16 * 1024 * 1024));
                body.write(b);
                if (b.length < n) {
                    throw new IOException("connection closed after " + b.length + " of " + n + " body bytes");
                }
            } else {
                body.write(in.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            return new Answer(status, headers, body.toByteArray(), "answer cut short: " + e, "socket");
        }
        return new Answer(status, headers, body.toByteArray(), null, "socket");
    }

    /** A line up to LF (CR stripped), null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (b.size() > 1_000_000) {
                throw new IOException("line over 1 MB");
            }
            b.write(c);
        }
        if (!any) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------ checking

    /** The first thing wrong with an answer, or null. */
    private static String check(Probe p, String who, Answer a) {
        if (a.failure != null) {
            return "DROPPED CONNECTION: " + a.failure;
        }
        List<String> problems = new ArrayList<>();
        int status = a.status;
        boolean empty = a.body.length == 0;
        boolean allowedBare = empty && p.bare.contains(status);
        if (status >= 500) {
            problems.add("5xx");
        }
        if (status >= 400 && status < 500 && !allowedBare) {
            String envelope = envelopeProblem(a);
            if (envelope != null) {
                problems.add(envelope);
            }
        }
        if (!empty && !"nosniff".equalsIgnoreCase(a.header("X-Content-Type-Options"))) {
            problems.add("no X-Content-Type-Options: nosniff");
        }
        boolean authorized = who != null || p.route.open;
        Set<Integer> expected = authorized ? union(p.expectAlways, p.expectAuthorized) : p.expectAlways;
        // A flow limit (429) comes after the edge, routing and auth, but before the body is read or a login checked:
        // it may stand in for an expectation of an authorized caller (413, a login's 401), never for the others.
        boolean limitMayComeFirst = status == 429 && p.expectAlways.isEmpty();
        if (!expected.isEmpty() && !expected.contains(status) && !allowedBare && !limitMayComeFirst) {
            problems.add("expected " + expected);
        }
        if (p.hostileRequestId != null) {
            if (p.hostileRequestId.equals(a.header("X-Request-Id"))) {
                problems.add("echoed the hostile X-Request-Id");
            }
            JsonNode traceId = json(a).path("traceId");
            if (traceId.isTextual() && traceId.asText().equals(p.hostileRequestId)) {
                problems.add("traceId echoes the hostile X-Request-Id");
            }
        }
        if (a.headers.containsKey("x-injected")) {
            problems.add("a header was injected into the answer");
        }
        if (p.route.sensitive() && status >= 200 && status < 300) {
            problems.add("a gateway write endpoint accepted a malformed request");
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** The answer's body as JSON, or a missing node. */
    private static JsonNode json(Answer a) {
        try {
            JsonNode n = a.body.length == 0 ? null : Http.JSON.readTree(a.body);
            return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String envelopeProblem(Answer a) {
        if (a.body.length == 0) {
            return "empty body (no envelope)";
        }
        JsonNode n;
        try {
            n = Http.JSON.readTree(a.body);
        } catch (IOException e) {
            return "body is not JSON (no envelope)";
        }
        if (n == null || !n.isObject()) {
            return "body is not a JSON object (no envelope)";
        }
        List<String> wrong = new ArrayList<>();
        JsonNode code = n.get("code");
        if (code == null || !code.isTextual() || code.asText().isBlank()) {
            wrong.add("code");
        }
        JsonNode message = n.get("message");
        if (message == null || !message.isTextual()) {
            wrong.add("message");
        } else if (message.asText().contains("\tat ") || message.asText().contains("at com.checkup.")) {
            wrong.add("message with a stack trace");
        }
        JsonNode traceId = n.get("traceId");
        if (traceId == null || !traceId.isTextual() || traceId.asText().isBlank()) {
            wrong.add("traceId");
        } else if (a.header("X-Request-Id") != null && !traceId.asText().equals(a.header("X-Request-Id"))) {
            wrong.add("traceId differs from X-Request-Id");
        }
        String type = a.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(JSON_TYPE)) {
            wrong.add("Content-Type " + type);
        }
        return wrong.isEmpty() ? null : "bad envelope: " + String.join(", ", wrong);
    }

    private static String describe(Probe p, String who, Answer a) {
        String answer = a.status < 0 ? "no answer" : a.status + " " + printable(a.text(), 200);
        return p.method + " " + printable(p.target, 160) + " [" + p.category + ":" + p.name + " as "
                + (who == null ? "anonymous" : who) + ", via " + a.via + "] -> " + answer;
    }

    // ------------------------------------------------------------------ small helpers

    /** Percent-encodes everything but RFC 3986's unreserved characters (UTF-8). */
    private static String enc(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    private static String printable(String s, int max) {
        String t = s.length() > max ? s.substring(0, max) + "…(" + s.length() + " chars)" : s;
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) {
            b.append(c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '\u0085' ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
