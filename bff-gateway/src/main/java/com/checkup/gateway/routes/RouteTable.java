package com.checkup.gateway.routes;

import com.checkup.contracts.context.Persona;
import com.checkup.gateway.web.JsonDepth;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A validated, immutable set of routes, matched by HTTP method and path. Literal paths are one hash lookup; paths
 * with variables are tried in document order. A document that fails validation is refused whole.
 */
public final class RouteTable {
    public static final Set<String> LOCAL_ENDPOINTS = Set.of("login", "lanes", "lane-rules", "lane-rules-update", "flags",
            "flag-catalogue", "flag-values", "audit", "openapi");
    private static final Set<String> SWITCHABLE_PLUGINS = Set.of("checkupLane", "checkupLimits");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final List<Route> routes;
    private final Map<String, Boolean> plugins;
    private final Map<String, RouteMatch> literal = new HashMap<>();
    private final List<Entry> templated = new ArrayList<>();
    private final Map<String, Route> byId = new LinkedHashMap<>();

    private static final class Entry {
        final Route route;
        final PathTemplate template;

        Entry(Route route, PathTemplate template) {
            this.route = route;
            this.template = template;
        }
    }

    private RouteTable(RouteDocument doc) {
        this.routes = List.copyOf(doc.getRoutes());
        this.plugins = Map.copyOf(doc.getPlugins());
        for (Route r : routes) {
            validate(r);
            if (byId.put(r.getId(), r) != null) {
                throw new IllegalArgumentException("two routes with id '" + r.getId() + "'");
            }
            PathTemplate t = new PathTemplate(r.getPath());
            for (RouteParam p : r.getParams()) {
                Source s = Source.parse(p.getFrom());
                if (s.kind() == Source.Kind.PATH && !t.hasVariable(s.name())) {
                    throw new IllegalArgumentException("route " + r.getId() + ": no {" + s.name() + "} in its path");
                }
                for (String from : p.getSet().values()) {
                    Source.parse(from);
                }
            }
            if (t.isLiteral()) {
                String key = r.getMethod() + " " + normalise(r.getPath());
                if (literal.put(key, new RouteMatch(r, Map.of())) != null) {
                    throw new IllegalArgumentException("two routes for " + key);
                }
            } else {
                templated.add(new Entry(r, t));
            }
        }
        for (Map.Entry<String, Boolean> p : plugins.entrySet()) {
            if (!SWITCHABLE_PLUGINS.contains(p.getKey())) {
                throw new IllegalArgumentException("plugin '" + p.getKey() + "' cannot be switched here; only " + SWITCHABLE_PLUGINS);
            }
        }
    }

    public static RouteTable of(RouteDocument doc) {
        return new RouteTable(doc);
    }

    public static RouteTable parse(String json) {
        if (json != null && JsonDepth.scan(json, JsonDepth.MAX_DEPTH) != JsonDepth.Verdict.OK) {
            throw new IllegalArgumentException("route document: " + JsonDepth.tooDeepMessage(JsonDepth.MAX_DEPTH));
        }
        try {
            return new RouteTable(JSON.readValue(json, RouteDocument.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("route document is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : e.getMessage()), e);
        }
    }

    public static RouteTable empty() {
        return new RouteTable(new RouteDocument());
    }

    /** The match for {@code method path}, or null. */
    public RouteMatch match(String method, String path) {
        RouteMatch exact = literal.get(method + " " + normalise(path));
        if (exact != null) {
            return exact;
        }
        if (templated.isEmpty()) {
            return null;
        }
        String[] segments = PathTemplate.split(path);
        for (Entry e : templated) {
            if (e.route.getMethod().equals(method)) {
                Map<String, String> vars = e.template.match(segments);
                if (vars != null) {
                    return new RouteMatch(e.route, vars);
                }
            }
        }
        return null;
    }

    /** Methods that have a route for this path (for 405 versus 404). */
    public Set<String> methodsFor(String path) {
        Set<String> methods = new LinkedHashSet<>();
        String[] segments = PathTemplate.split(path);
        for (Route r : routes) {
            if (new PathTemplate(r.getPath()).match(segments) != null) {
                methods.add(r.getMethod());
            }
        }
        return methods;
    }

    public List<Route> routes() {
        return routes;
    }

    public Route byId(String id) {
        return byId.get(id);
    }

    public boolean pluginEnabled(String name) {
        return plugins.getOrDefault(name, Boolean.TRUE);
    }

    /** The Dubbo interfaces the routes call. */
    public Set<String> services() {
        Set<String> s = new LinkedHashSet<>();
        for (Route r : routes) {
            if (r.isDubbo()) {
                s.add(r.getService());
            }
        }
        return Collections.unmodifiableSet(s);
    }

    private static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void validate(Route r) {
        if (r.getId() == null || !r.getId().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("route id '" + r.getId() + "' must be 1-64 of [A-Za-z0-9._-]");
        }
        String m = r.getMethod() == null ? "" : r.getMethod().toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(m)) {
            throw new IllegalArgumentException("route " + r.getId() + ": bad method '" + r.getMethod() + "'");
        }
        r.setMethod(m);
        if (r.isDubbo() == (r.getLocal() != null)) {
            throw new IllegalArgumentException("route " + r.getId() + ": needs either service+call or local");
        }
        if (r.isDubbo() && (r.getCall() == null || r.getCall().isBlank())) {
            throw new IllegalArgumentException("route " + r.getId() + ": service without call");
        }
        if (r.getLocal() != null && !LOCAL_ENDPOINTS.contains(r.getLocal())) {
            throw new IllegalArgumentException("route " + r.getId() + ": unknown local endpoint '" + r.getLocal() + "'");
        }
        if (!r.isOpen() && r.getPersonas().isEmpty()) {
            throw new IllegalArgumentException("route " + r.getId() + ": not open, so it needs personas");
        }
        Set<String> known = new HashSet<>();
        for (Persona p : Persona.values()) {
            known.add(p.name());
        }
        for (String p : r.getPersonas()) {
            if (!known.contains(p)) {
                throw new IllegalArgumentException("route " + r.getId() + ": unknown persona '" + p + "'");
            }
        }
        if (r.getTimeoutMs() < 1 || r.getTimeoutMs() > 60_000) {
            throw new IllegalArgumentException("route " + r.getId() + ": timeoutMs must be 1..60000");
        }
        if (r.getRetries() < 0 || r.getRetries() > 2 || (r.getRetries() > 0 && !"GET".equals(m))) {
            throw new IllegalArgumentException("route " + r.getId() + ": retries must be 0..2, and 0 unless GET");
        }
        for (RouteParam p : r.getParams()) {
            if (p.getType() == null || p.getType().isBlank()) {
                throw new IllegalArgumentException("route " + r.getId() + ": a parameter without type");
            }
            try {
                ParamTypes.load(p.getType());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("route " + r.getId() + ": parameter type " + p.getType() + " is not on the gateway's classpath");
            }
        }
        if (!Set.of("json", "file").contains(r.getResult())) {
            throw new IllegalArgumentException("route " + r.getId() + ": result must be json or file");
        }
        if (r.getMaxBodyBytes() < 0 || r.getMaxBodyBytes() > 8 * 1024 * 1024) {
            throw new IllegalArgumentException("route " + r.getId() + ": maxBodyBytes must be 0 (the default) .. 8 MB");
        }
    }
}
