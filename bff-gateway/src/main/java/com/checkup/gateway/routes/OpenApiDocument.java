package com.checkup.gateway.routes;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.error.ErrorEnvelope;
import com.checkup.contracts.flags.FlagCatalogue;
import com.checkup.gateway.lanes.LaneRules;
import com.checkup.gateway.web.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public API as an OpenAPI 3.0.3 document, generated from a route table and, by reflection, from the api-contracts
 * types its Dubbo routes call. Served at {@code GET /api/openapi.json} for the live table and committed as
 * {@code web/shared/openapi.json} for the bundled one (the web clients' typed client is generated from it), so the
 * published description cannot drift from what the gateway actually routes.
 * <p>
 * Building never fails on a route it cannot describe (a live table may name a service this build does not know):
 * that route gets a free-form answer and the reason goes to {@link #problems()}, which the unit test requires empty.
 */
public final class OpenApiDocument {
    public static final String OPENAPI_VERSION = "3.0.3";
    /** info.version of the document: raise it with every incompatible change of the public API. */
    public static final String API_VERSION = "1.0.0";
    public static final String TITLE = "Checkup public API";
    static final String ERROR_SCHEMA = "ErrorEnvelope";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Map<String, String> TAG_DESCRIPTIONS = tagDescriptions();
    /** Like JSON.stringify(doc, null, 2): two spaces, {@code "key": value}, {@code \n} on every platform. */
    private static final ObjectMapper PRETTY = new ObjectMapper().setDefaultPrettyPrinter(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** Component schemas by name; sorted, so the document's text is stable. */
    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    /** Who defined each schema name (a class, or the gateway for hand-written ones): two owners of one name is a problem. */
    private final Map<String, Object> owners = new HashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<Integer> errorStatuses = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private final ObjectNode root;

    private OpenApiDocument(RouteTable table) {
        this.root = build(table);
    }

    public static OpenApiDocument of(RouteTable table) {
        return new OpenApiDocument(table);
    }

    /** The document. Shared: do not change it. */
    public ObjectNode json() {
        return root;
    }

    /** What could not be described exactly (each naming its route or type); empty for a table the contracts fit. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The committed form: pretty-printed in a stable key order, with a trailing newline. */
    public String pretty() {
        try {
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Java method a Dubbo route calls: the service interface's public method named {@code call} with as many
     * parameters as the route has, of the route's parameter types (a generic call names them: any other would not be
     * found by the provider).
     *
     * @throws IllegalArgumentException naming the route, when there is none
     */
    public static Method serviceMethod(Route route) {
        Class<?> service;
        try {
            service = Class.forName(route.getService(), false, OpenApiDocument.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("route " + route.getId() + ": service " + route.getService() + " is not on the gateway's classpath");
        }
        int count = route.getParams().size();
        List<Method> candidates = new ArrayList<>();
        for (Method m : service.getMethods()) {
            if (m.getName().equals(route.getCall()) && m.getParameterCount() == count && !Modifier.isStatic(m.getModifiers())) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("route " + route.getId() + ": " + service.getSimpleName() + " has no method "
                    + route.getCall() + " with " + count + " parameter(s)");
        }
        Class<?>[] wanted = new Class<?>[count];
        for (int i = 0; i < count; i++) {
            try {
                wanted[i] = ParamTypes.load(route.getParams().get(i).getType());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("route " + route.getId() + ": parameter type " + route.getParams().get(i).getType() + " not found");
            }
        }
        for (Method m : candidates) {
            if (Arrays.equals(m.getParameterTypes(), wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("route " + route.getId() + ": " + service.getSimpleName() + "." + route.getCall()
                + " takes " + Arrays.toString(candidates.get(0).getParameterTypes()) + ", the route sends " + Arrays.toString(wanted));
    }

    // -- the document

    private ObjectNode build(RouteTable table) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", OPENAPI_VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", TITLE);
        info.put("version", API_VERSION);
        info.put("description", "Generated by the gateway from its route table and the api-contracts types (do not edit). "
                + "Every error is the envelope {code, message, traceId}; traceId is the request's X-Request-Id. "
                + "Amounts are integer cents; times are ISO-8601.");
        ArrayNode tagList = doc.putArray("tags");
        ObjectNode paths = doc.putObject("paths");
        Map<String, String> shapes = new HashMap<>();
        for (Route r : table.routes()) {
            // OpenAPI takes /a/{x} and /a/{y} as the same path: two spellings would be two clashing path items.
            String shape = PATH_VARIABLE.matcher(r.getPath()).replaceAll("{}");
            String before = shapes.putIfAbsent(shape, r.getPath());
            if (before != null && !before.equals(r.getPath())) {
                problems.add("route " + r.getId() + ": path " + r.getPath() + " names the variables of " + before + " differently");
            }
            ObjectNode item = paths.has(r.getPath()) ? (ObjectNode) paths.get(r.getPath()) : paths.putObject(r.getPath());
            item.set(r.getMethod().toLowerCase(Locale.ROOT), operation(r));
        }
        for (String t : tags) {
            ObjectNode tag = tagList.addObject().put("name", t);
            if (TAG_DESCRIPTIONS.containsKey(t)) {
                tag.put("description", TAG_DESCRIPTIONS.get(t));
            }
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode responses = components.putObject("responses");
        for (int status : errorStatuses) {
            responses.set(errorName(status), errorResponse(status));
        }
        responses.set(errorName(0), errorResponse(0));
        envelope(schemas.get(ERROR_SCHEMA));
        ObjectNode schemaNode = components.putObject("schemas");
        schemas.forEach(schemaNode::set);
        components.putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "The token POST /api/auth/login answers (HS256, 1 h)");
        return doc;
    }

    /** What an operation is made of, filled by the Dubbo or the local describer, then written in reading order. */
    private static final class Parts {
        final ArrayNode parameters = NODES.arrayNode();
        ObjectNode requestBody;
        final ObjectNode responses = NODES.objectNode();

        ObjectNode body(boolean required) {
            requestBody = NODES.objectNode().put("required", required);
            return requestBody;
        }
    }

    private ObjectNode operation(Route r) {
        ObjectNode op = NODES.objectNode();
        String tag = tag(r.getPath());
        tags.add(tag);
        op.putArray("tags").add(tag);
        op.put("summary", r.isDubbo() ? simpleName(r.getService()) + "." + r.getCall() : "gateway: " + r.getLocal());
        op.put("operationId", r.getId());
        if (!r.isOpen()) {
            // The route's set comes from Jackson as a HashSet: Persona order keeps the text stable and readable.
            ArrayNode personas = op.putArray("x-personas");
            r.getPersonas().stream().sorted(Comparator.comparingInt(OpenApiDocument::personaOrder).thenComparing(p -> p))
                    .forEach(personas::add);
        }
        ArrayNode security = op.putArray("security");
        if (!r.isOpen()) {
            security.addObject().putArray("bearer");
        }
        Parts parts = new Parts();
        if (r.isDubbo()) {
            dubbo(r, parts);
        } else {
            local(r, parts);
        }
        if (parts.parameters.size() > 0) {
            op.set("parameters", parts.parameters);
        }
        if (parts.requestBody != null) {
            op.set("requestBody", parts.requestBody);
        }
        op.set("responses", parts.responses);
        return op;
    }

    // -- Dubbo routes

    private void dubbo(Route r, Parts parts) {
        ArrayNode parameters = parts.parameters;
        ObjectNode responses = parts.responses;
        Method method = null;
        try {
            method = serviceMethod(r);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Map<String, Type> pathTypes = new HashMap<>();
        List<RouteParam> params = r.getParams();
        for (int i = 0; i < params.size(); i++) {
            Source s = Source.parse(params.get(i).getFrom());
            if (s.kind() == Source.Kind.PATH) {
                pathTypes.put(s.name(), paramType(method, params.get(i), i));
            }
        }
        pathParameters(r, parameters, pathTypes);
        ObjectNode fields = null;
        List<String> requiredFields = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            RouteParam p = params.get(i);
            Source s = Source.parse(p.getFrom());
            Type type = paramType(method, p, i);
            switch (s.kind()) {
                case QUERY:
                case HEADER:
                    parameters.add(parameter(s, schema(type)));
                    break;
                case BODY: {
                    ObjectNode body = parts.body(!s.optional());
                    StringBuilder note = new StringBuilder();
                    for (Map.Entry<String, String> set : p.getSet().entrySet()) {
                        Source from = Source.parse(set.getValue());
                        if (from.kind() == Source.Kind.QUERY || from.kind() == Source.Kind.HEADER) {
                            parameters.add(parameter(from, schema(fieldType(type, set.getKey()))));
                        }
                        note.append(note.length() == 0 ? "" : "; ").append(set.getKey()).append(" is taken from the ")
                                .append(from.describe()).append(" (a value in the body is replaced)");
                    }
                    if (note.length() > 0) {
                        body.put("description", note.toString());
                    }
                    body.putObject("content").putObject("application/json").set("schema", schema(type));
                    break;
                }
                case BODY_FIELD:
                    if (fields == null) {
                        fields = NODES.objectNode();
                    }
                    ObjectNode field = schema(type);
                    if (s.optional()) {
                        field = nullable(field);
                    } else {
                        requiredFields.add(s.name());
                    }
                    fields.set(s.name(), field);
                    break;
                case RAW_BODY: {
                    ObjectNode body = parts.body(!s.optional());
                    if (byte[].class.equals(type)) {
                        body.put("description", "The file's bytes as they are (any Content-Type is taken)");
                        body.putObject("content").putObject(uploadType(r, method, i))
                                .set("schema", NODES.objectNode().put("type", "string").put("format", "binary"));
                    } else {
                        body.put("description", "The body as it came, as text (any Content-Type is taken; e.g. a signed callback)");
                        body.putObject("content").putObject("text/plain").set("schema", schema(type));
                    }
                    break;
                }
                default:
                    break;
            }
        }
        if (fields != null) {
            if (parts.requestBody != null) {
                problems.add("route " + r.getId() + ": both a whole body and body fields");
            }
            // The body is needed once one field is (CallParametersPlugin parses it only then).
            ObjectNode body = parts.body(!requiredFields.isEmpty());
            ObjectNode schema = body.putObject("content").putObject("application/json").putObject("schema");
            schema.put("type", "object");
            schema.set("properties", fields);
            if (!requiredFields.isEmpty()) {
                ArrayNode req = schema.putArray("required");
                requiredFields.forEach(req::add);
            }
        }
        if (method != null && method.getReturnType() == void.class) {
            responses.putObject("204").put("description", "Done");
        } else if (r.returnsFile()) {
            ObjectNode ok = responses.putObject("200");
            ok.put("description", "The file (" + (method == null ? "?" : method.getReturnType().getSimpleName())
                    + "): its own Content-Type (e.g. application/pdf, text/csv), Cache-Control: no-store");
            ok.putObject("headers").putObject("Content-Disposition").put("description", "attachment; filename=<the file's name>")
                    .putObject("schema").put("type", "string");
            ok.putObject("content").putObject("application/octet-stream")
                    .set("schema", NODES.objectNode().put("type", "string").put("format", "binary"));
        } else {
            ObjectNode ok = responses.putObject("200");
            ok.put("description", method == null ? "(the service method is unknown to this gateway build)"
                    : typeName(resultType(method)));
            ok.putObject("content").putObject("application/json")
                    .set("schema", method == null ? NODES.objectNode() : schema(resultType(method)));
        }
        boolean readsBody = parts.requestBody != null;
        boolean json = readsBody && parts.requestBody.get("content").has("application/json");
        Set<Integer> errors = new TreeSet<>(List.of(400, 429, 503, 504));
        if (r.getPath().contains("{") || !parameters.isEmpty()) {
            // Something named by the request (a booking, a hospital, ...) may not exist, or not for this caller.
            errors.add(404);
        }
        if (!r.isOpen() || !r.getParams().isEmpty()) {
            // Open Dubbo routes are signed callbacks: the service refuses a bad signature.
            errors.add(401);
        }
        if (!r.isOpen()) {
            errors.add(403);
        }
        if (!"GET".equals(r.getMethod())) {
            errors.add(409);
        }
        if (readsBody) {
            errors.add(413);
        }
        if (json) {
            errors.add(415);
        }
        errors(responses, errors);
    }

    /** The parameter's Java type: the method's (generic) one when known, else the route's. */
    private Type paramType(Method method, RouteParam p, int index) {
        if (method != null) {
            return method.getGenericParameterTypes()[index];
        }
        try {
            return ParamTypes.load(p.getType());
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
    }

    /**
     * The media type of a file upload: from the contract's parameter name ({@code csv}, {@code pdf}) if it says, else
     * from the route (report uploads are PDFs, rosters CSV), else plain bytes.
     */
    private static String uploadType(Route r, Method method, int index) {
        String name = method == null ? "" : method.getParameters()[index].getName().toLowerCase(Locale.ROOT);
        String route = (r.getId() + " " + r.getPath()).toLowerCase(Locale.ROOT);
        if (name.contains("csv") || (!name.contains("pdf") && route.contains("roster"))) {
            return "text/csv";
        }
        if (name.contains("pdf") || route.contains("report")) {
            return "application/pdf";
        }
        return "application/octet-stream";
    }

    /** The type of a body object's field (for a field filled from a header), string when it has none. */
    private static Type fieldType(Type bodyType, String name) {
        if (bodyType instanceof Class) {
            for (Class<?> c = (Class<?>) bodyType; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
                        return f.getGenericType();
                    }
                }
            }
        }
        return String.class;
    }

    // -- the gateway's own endpoints (LocalEndpointsPlugin): shapes written by hand, as that class builds them

    private void local(Route r, Parts parts) {
        ArrayNode parameters = parts.parameters;
        ObjectNode responses = parts.responses;
        Set<Integer> errors = new TreeSet<>(List.of(400, 429));
        if (!r.isOpen()) {
            errors.add(401);
            errors.add(403);
        }
        Map<String, Type> pathTypes = new HashMap<>();
        ObjectNode ok = NODES.objectNode();
        ObjectNode answer;
        switch (r.getLocal()) {
            case "login":
                jsonBody(parts, ref("LoginRequest", this::loginRequest));
                answer = ref("LoginResponse", this::loginResponse);
                ok.put("description", "Signed in: the bearer token and who it is for");
                errors.addAll(List.of(401, 413, 415));
                break;
            case "lanes":
                answer = ref("LaneSnapshot", OpenApiDocument::laneSnapshot);
                ok.put("description", "Each service's instances per lane, from the registry");
                break;
            case "lane-rules":
                answer = schema(LaneRules.class);
                ok.put("description", "The live lane rules");
                break;
            case "lane-rules-update":
                jsonBody(parts, schema(LaneRules.class));
                answer = schema(LaneRules.class);
                ok.put("description", "The rules as published to every gateway instance (audited)");
                errors.addAll(List.of(413, 415));
                break;
            case "flag-catalogue":
                answer = NODES.objectNode().put("type", "array").set("items", ref("FlagInfo", OpenApiDocument::flagInfo));
                ok.put("description", "The flags that can be set, in FlagCatalogue order");
                break;
            case "flag-values":
                answer = ref("HospitalFlags", this::hospitalFlags);
                ok.put("description", "Every catalogued flag with the hospital's own value and the one for all hospitals");
                break;
            case "flags":
                jsonBody(parts, ref("FlagChange", OpenApiDocument::flagChange));
                answer = ref("FlagValue", OpenApiDocument::flagValue);
                ok.put("description", "The flag as stored (canonical form), or (default) when cleared (audited)");
                errors.addAll(List.of(404, 413, 415, 503));
                break;
            case "audit":
                answer = NODES.objectNode().put("type", "array").set("items", ref("AuditEntry", OpenApiDocument::auditEntry));
                ok.put("description", "Flag and lane-rule changes, newest first (the last 500)");
                break;
            case "openapi":
                answer = NODES.objectNode().put("type", "object").put("description", "An OpenAPI " + OPENAPI_VERSION + " document");
                ok.put("description", "This document, for the live route table");
                break;
            default:
                problems.add("route " + r.getId() + ": no description of local endpoint '" + r.getLocal() + "'");
                answer = NODES.objectNode();
                ok.put("description", "(not described)");
                break;
        }
        if ("flags".equals(r.getLocal())) {
            ArrayNode names = NODES.arrayNode();
            FlagCatalogue.all().keySet().forEach(names::add);
            pathTypes.put("hospitalId", String.class);
            pathParameters(r, parameters, pathTypes);
            for (int i = 0; i < parameters.size(); i++) {
                ObjectNode p = (ObjectNode) parameters.get(i);
                ObjectNode schema = (ObjectNode) p.remove("schema");
                if ("flag".equals(p.get("name").asText())) {
                    p.put("description", "A flag of the catalogue (another: 404 listing them)");
                    schema.set("enum", names);
                } else if ("hospitalId".equals(p.get("name").asText())) {
                    p.put("description", "A hospital id, or default for every hospital");
                    schema.put("pattern", "^[A-Za-z0-9_-]{1,64}$");
                }
                p.set("schema", schema);
            }
        } else {
            pathParameters(r, parameters, pathTypes);
        }
        ok.putObject("content").putObject("application/json").set("schema", answer);
        responses.set("200", ok);
        errors(responses, errors);
    }

    private static void jsonBody(Parts parts, ObjectNode schema) {
        parts.body(true).putObject("content").putObject("application/json").set("schema", schema);
    }

    private ObjectNode loginRequest() {
        ObjectNode s = object("username", "password");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("username").put("type", "string").put("maxLength", 128);
        p.putObject("password").put("type", "string").put("maxLength", 256).put("format", "password");
        return s;
    }

    private ObjectNode loginResponse() {
        ObjectNode s = object("token", "persona", "tenantId", "expiresAt");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("token").put("type", "string").put("description", "Send as Authorization: Bearer <token>");
        ArrayNode personas = ((ObjectNode) p.putObject("persona").put("type", "string")).putArray("enum");
        for (Persona persona : Persona.values()) {
            // SYSTEM is a service acting on its own, never a person who signs in.
            if (persona != Persona.SYSTEM) {
                personas.add(persona.name());
            }
        }
        p.putObject("tenantId").put("type", "string").put("nullable", true)
                .put("description", "The desk's hospital or HR's company; null for other personas");
        p.putObject("expiresAt").put("type", "string").put("format", "date-time");
        return s;
    }

    private static ObjectNode laneSnapshot() {
        ObjectNode s = object("services");
        ObjectNode addresses = NODES.objectNode().put("type", "array");
        addresses.putObject("items").put("type", "string");
        ObjectNode lanes = NODES.objectNode().put("type", "object").put("description", "lane (baseline, gray, ...) → instance addresses");
        lanes.set("additionalProperties", addresses);
        ObjectNode services = ((ObjectNode) s.get("properties")).putObject("services")
                .put("type", "object").put("description", "application name → its lanes");
        services.set("additionalProperties", lanes);
        return s;
    }

    private static ObjectNode flagInfo() {
        ObjectNode s = object("name", "service", "kind", "description");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("name").put("type", "string");
        p.putObject("service").put("type", "string").put("description", "The service that reads the flag");
        ArrayNode kinds = p.putObject("kind").put("type", "string").putArray("enum");
        for (FlagCatalogue.Kind k : FlagCatalogue.Kind.values()) {
            kinds.add(k.name());
        }
        p.putObject("description").put("type", "string");
        return s;
    }

    private ObjectNode hospitalFlags() {
        ObjectNode s = object("hospitalId", "flags");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("hospitalId").put("type", "string").put("description", "a hospital id, or default (all hospitals)");
        p.putObject("flags").put("type", "array").set("items", ref("FlagSetting", OpenApiDocument::flagSetting));
        return s;
    }

    private static ObjectNode flagSetting() {
        ObjectNode s = flagInfo();
        ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("required")).add("min").add("max");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("min").put("type", "integer").put("format", "int64").put("description", "INT: the number; DURATION: milliseconds");
        p.putObject("max").put("type", "integer").put("format", "int64");
        p.putObject("value").put("type", "string").put("nullable", true).put("description", "The hospital's own value; null: none");
        p.putObject("defaultValue").put("type", "string").put("nullable", true).put("description", "The value for all hospitals; null: the service's built-in default");
        return s;
    }

    private static ObjectNode flagChange() {
        ObjectNode s = object();
        ((ObjectNode) s.get("properties")).putObject("value").put("type", "string").put("nullable", true)
                .put("description", "The new value, checked by the flag's type (a number or boolean is taken as its text); "
                        + "null or absent: back to the default");
        return s;
    }

    private static ObjectNode flagValue() {
        ObjectNode s = object("hospitalId", "flag", "value");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("hospitalId").put("type", "string");
        p.putObject("flag").put("type", "string");
        p.putObject("value").put("type", "string").put("description", "Canonical form, or (default) when cleared");
        return s;
    }

    private static ObjectNode auditEntry() {
        ObjectNode s = object("at", "actor", "target", "oldValue", "newValue");
        ObjectNode p = (ObjectNode) s.get("properties");
        p.putObject("at").put("type", "string").put("format", "date-time");
        p.putObject("actor").put("type", "string").put("description", "persona:user");
        p.putObject("target").put("type", "string").put("description", "flag <hospital>.<flag>, or lane-rules");
        p.putObject("oldValue").put("type", "string").put("description", "(default) when there was none");
        p.putObject("newValue").put("type", "string").put("description", "(default) when cleared");
        return s;
    }

    /** An object schema whose properties are filled by the caller, all of {@code required} always present. */
    private static ObjectNode object(String... required) {
        ObjectNode s = NODES.objectNode().put("type", "object");
        s.putObject("properties");
        if (required.length > 0) {
            ArrayNode req = s.putArray("required");
            Arrays.stream(required).forEach(req::add);
        }
        return s;
    }

    /** A hand-written component schema, defined once. */
    private ObjectNode ref(String name, java.util.function.Supplier<ObjectNode> schema) {
        if (claim(name, "the gateway")) {
            schemas.put(name, schema.get());
        }
        return refTo(name);
    }

    // -- parameters and errors

    /** Every variable of the path template, typed by the route parameter bound to it (string when none is). */
    private void pathParameters(Route r, ArrayNode parameters, Map<String, Type> types) {
        Matcher m = PATH_VARIABLE.matcher(r.getPath());
        while (m.find()) {
            ObjectNode p = parameters.addObject();
            p.put("name", m.group(1));
            p.put("in", "path");
            p.put("required", true);
            p.set("schema", schema(types.getOrDefault(m.group(1), String.class)));
        }
    }

    private static ObjectNode parameter(Source s, ObjectNode schema) {
        ObjectNode p = NODES.objectNode();
        p.put("name", s.name());
        p.put("in", s.kind() == Source.Kind.HEADER ? "header" : "query");
        p.put("required", !s.optional());
        p.set("schema", schema);
        return p;
    }

    private void errors(ObjectNode responses, Set<Integer> statuses) {
        for (int status : statuses) {
            errorStatuses.add(status);
            responses.putObject(Integer.toString(status)).put("$ref", "#/components/responses/" + errorName(status));
        }
        // Any other code a service may answer (422 NOT_ELIGIBLE, 500, ...): still the envelope.
        responses.putObject("default").put("$ref", "#/components/responses/" + errorName(0));
    }

    private static String errorName(int status) {
        switch (status) {
            case 400: return "BadRequest";
            case 401: return "Unauthenticated";
            case 403: return "Forbidden";
            case 404: return "NotFound";
            case 409: return "Conflict";
            case 413: return "PayloadTooLarge";
            case 415: return "UnsupportedMediaType";
            case 429: return "TooManyRequests";
            case 503: return "Unavailable";
            case 504: return "Timeout";
            case 0: return "Error";
            default: return "Status" + status;
        }
    }

    /** An error answer: the envelope, described by the codes ErrorCode gives that status. */
    private ObjectNode errorResponse(int status) {
        List<String> codes = new ArrayList<>();
        for (ErrorCode c : ErrorCode.values()) {
            if (c.httpStatus() == status) {
                codes.add(c.name());
            }
        }
        if (status == 415) {
            codes.add(ApiError.UNSUPPORTED_MEDIA_TYPE);
        }
        ObjectNode r = NODES.objectNode();
        r.put("description", status == 0 ? "Any other error (e.g. 422 NOT_ELIGIBLE, 500 INTERNAL), as the envelope"
                : String.join(", ", codes));
        if (status == 429) {
            r.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait")
                    .putObject("schema").put("type", "integer");
        }
        r.putObject("content").putObject("application/json").set("schema", schema(ErrorEnvelope.class));
        return r;
    }

    /**
     * The envelope is written by the gateway (JsonResponses.error), not read off a bean: all three keys always, code
     * and message never null. A code is a string, not an enum: a newer service may send one this build does not know.
     */
    private void envelope(ObjectNode s) {
        if (s == null || !s.path("properties").has("code")) {
            problems.add(ERROR_SCHEMA + " has no code");
            return;
        }
        ObjectNode p = (ObjectNode) s.get("properties");
        ((ObjectNode) p.get("code")).remove("nullable");
        ((ObjectNode) p.get("code")).put("description", "Stable error code (ErrorCode), e.g. SOLD_OUT; unknown codes may appear");
        ((ObjectNode) p.get("message")).remove("nullable");
        ((ObjectNode) p.get("traceId")).put("description", "The request id (X-Request-Id): quote it when reporting a problem");
        ArrayNode req = s.putArray("required");
        List.of("code", "message", "traceId").forEach(req::add);
    }

    // -- schemas from Java types

    /** The schema of a Java type: inline for scalars, enums, lists and maps; a $ref to a component for a bean. */
    private ObjectNode schema(Type type) {
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode s = NODES.objectNode().put("type", "array");
                s.set("items", schema(args[0]));
                if (Set.class.isAssignableFrom(raw)) {
                    s.put("uniqueItems", true);
                }
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (!(args[0] == String.class || (args[0] instanceof Class && ((Class<?>) args[0]).isEnum()))) {
                    problems.add("map key " + args[0].getTypeName() + " is not a string (in " + type.getTypeName() + ")");
                }
                ObjectNode s = NODES.objectNode().put("type", "object");
                s.set("additionalProperties", schema(args[1]));
                return s;
            }
            return schema(raw);
        }
        if (type instanceof WildcardType) {
            return schema(((WildcardType) type).getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable) {
            problems.add("type variable " + type.getTypeName() + ": described as any value");
            return NODES.objectNode();
        }
        if (type instanceof GenericArrayType) {
            ObjectNode s = NODES.objectNode().put("type", "array");
            s.set("items", schema(((GenericArrayType) type).getGenericComponentType()));
            return s;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == char.class || c == Character.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int64");
        }
        if (c == BigInteger.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (c == boolean.class || c == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (c == double.class || c == Double.class) {
            return NODES.objectNode().put("type", "number").put("format", "double");
        }
        if (c == float.class || c == Float.class) {
            return NODES.objectNode().put("type", "number").put("format", "float");
        }
        if (c == BigDecimal.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (c == byte[].class) {
            return NODES.objectNode().put("type", "string").put("format", "byte");
        }
        if (c.isEnum()) {
            ObjectNode s = NODES.objectNode().put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name());
            }
            return s;
        }
        if (c.isArray()) {
            ObjectNode s = NODES.objectNode().put("type", "array");
            s.set("items", schema(c.getComponentType()));
            return s;
        }
        if (Collection.class.isAssignableFrom(c)) {
            return NODES.objectNode().put("type", "array").set("items", NODES.objectNode());
        }
        if (Map.class.isAssignableFrom(c)) {
            return NODES.objectNode().put("type", "object");
        }
        if (c == Object.class) {
            return NODES.objectNode();
        }
        if (c.getName().startsWith("java.") || c.getName().startsWith("javax.") || c.isPrimitive() || c.isInterface()) {
            problems.add("type " + c.getName() + " has no description: described as any value");
            return NODES.objectNode();
        }
        return bean(c);
    }

    /**
     * A bean as a component schema named by its simple name: its non-static fields, superclasses' too, in name
     * order. Primitives are always there (required); anything else may be null, and the answer writes it as null.
     */
    private ObjectNode bean(Class<?> c) {
        String name = c.getSimpleName();
        if (!claim(name, c)) {
            return refTo(name);
        }
        ObjectNode s = NODES.objectNode();
        schemas.put(name, s); // before the fields: a bean that reaches itself again gets the $ref
        s.put("type", "object");
        Map<String, Field> fields = new TreeMap<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) && !Modifier.isTransient(mod) && !f.isSynthetic()) {
                    fields.putIfAbsent(f.getName(), f);
                }
            }
        }
        Set<String> readable = readableProperties(c);
        ObjectNode properties = s.putObject("properties");
        List<String> required = new ArrayList<>();
        for (Field f : fields.values()) {
            if (!readable.contains(f.getName())) {
                // The answer is made from getters: a field without one never reaches a client.
                problems.add(c.getSimpleName() + "." + f.getName() + " has no getter");
                continue;
            }
            ObjectNode p = schema(f.getGenericType());
            if (f.getType().isPrimitive()) {
                required.add(f.getName());
            } else {
                p = nullable(p);
            }
            properties.set(f.getName(), p);
        }
        for (String extra : readable) {
            if (!fields.containsKey(extra)) {
                problems.add(c.getSimpleName() + "." + extra + " is a getter without a field: not described");
            }
        }
        if (!required.isEmpty()) {
            ArrayNode req = s.putArray("required");
            required.forEach(req::add);
        }
        return refTo(name);
    }

    /** Property names of the public getters (getX, and isX for a boolean), as Jackson and Dubbo's generic calls read them. */
    private static Set<String> readableProperties(Class<?> c) {
        Set<String> names = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class
                    || m.getReturnType() == void.class) {
                continue;
            }
            String n = m.getName();
            String property = null;
            if (n.startsWith("get") && n.length() > 3) {
                property = n.substring(3);
            } else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
                property = n.substring(2);
            }
            if (property != null) {
                names.add(Character.toLowerCase(property.charAt(0)) + property.substring(1));
            }
        }
        for (Field f : c.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                names.add(f.getName());
            }
        }
        return names;
    }

    /** True when {@code name} is free (now taken by {@code owner}); a second owner of a name is a problem. */
    private boolean claim(String name, Object owner) {
        Object before = owners.putIfAbsent(name, owner);
        if (before == null) {
            return true;
        }
        if (!before.equals(owner)) {
            problems.add("two schemas named " + name + ": " + describe(before) + " and " + describe(owner));
        }
        return false;
    }

    private static String describe(Object owner) {
        return owner instanceof Class ? ((Class<?>) owner).getName() : owner.toString();
    }

    private static ObjectNode refTo(String name) {
        return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    /** OpenAPI 3.0 ignores keywords beside a $ref, so a nullable reference wraps it in allOf. */
    private static ObjectNode nullable(ObjectNode s) {
        if (s.has("$ref")) {
            ObjectNode wrapped = NODES.objectNode().put("nullable", true);
            wrapped.putArray("allOf").add(s);
            return wrapped;
        }
        if (s.has("enum")) {
            // OpenAPI 3.0.3: an enum lists every allowed value, null included.
            ((ArrayNode) s.get("enum")).addNull();
        }
        return s.put("nullable", true);
    }

    // -- tags

    /** The API area: the segment after /api (app, desk, hr, ops, auth, payments); meta for a document at /api itself. */
    static String tag(String path) {
        String[] segments = PathTemplate.split(path);
        if (segments.length >= 3 && segments[0].equals("api")) {
            return segments[1];
        }
        return segments.length == 2 && segments[0].equals("api") ? "meta" : segments.length > 0 ? segments[0] : "meta";
    }

    private static Map<String, String> tagDescriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("auth", "Sign in");
        m.put("app", "The consumer app: catalogue, bookings, payment, reports, entitlements");
        m.put("payments", "Payment channels' signed callbacks");
        m.put("desk", "A hospital's front desk: arrivals, check-in, capacity, reports, fulfillment tasks");
        m.put("hr", "A company's HR: campaigns, rosters, attendance");
        m.put("ops", "Operations: lanes, flags, audit, agreements, connectors, messages, hospital sync");
        m.put("meta", "This description");
        return m;
    }

    private static int personaOrder(String persona) {
        for (Persona p : Persona.values()) {
            if (p.name().equals(persona)) {
                return p.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * What a call answers: the method's return type, or for an asynchronous provider ({@code CompletableFuture<T>},
     * any {@code CompletionStage<T>} or {@code Future<T>}) the {@code T} it completes with — the generic call's result.
     */
    static Type resultType(Method method) {
        Type t = method.getGenericReturnType();
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            Class<?> raw = (Class<?>) p.getRawType();
            if (java.util.concurrent.CompletionStage.class.isAssignableFrom(raw) || java.util.concurrent.Future.class.isAssignableFrom(raw)) {
                return p.getActualTypeArguments()[0];
            }
        }
        return t;
    }

    /** {@code List<BookingView>} for java.util.List&lt;com.checkup...BookingView&gt;. */
    private static String typeName(Type type) {
        return type.getTypeName().replaceAll("[a-z][a-z0-9_]*\\.", "").replace('$', '.');
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
