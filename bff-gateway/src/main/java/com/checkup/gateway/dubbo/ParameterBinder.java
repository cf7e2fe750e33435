package com.checkup.gateway.dubbo;

import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.routes.Route;
import com.checkup.gateway.routes.RouteParam;
import com.checkup.gateway.routes.Source;
import com.checkup.gateway.web.ApiError;
import com.checkup.gateway.web.JsonDepth;
import com.checkup.gateway.web.RequestBodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Binds an HTTP request to a route's Dubbo parameters: path variables, query parameters, headers and the JSON body,
 * each checked against the parameter's Java type here, at the edge, so a missing parameter, a wrong type or an
 * unknown field is a 400 that names it, and a service only ever sees well-typed arguments. A JSON body must say it is
 * JSON (or say nothing: a form or text is a 415) and is scanned for its depth ({@link JsonDepth}) before Jackson
 * parses it.
 */
public final class ParameterBinder {
    private final ObjectMapper json;

    public ParameterBinder(ObjectMapper json) {
        this.json = json;
    }

    /** The request's view the binder needs. */
    public static final class Request {
        final Map<String, String> pathVariables;
        final MultiValueMap<String, String> query;
        final HttpHeaders headers;
        final byte[] body;
        final String clientAddress;

        public Request(Map<String, String> pathVariables, MultiValueMap<String, String> query, HttpHeaders headers, byte[] body) {
            this(pathVariables, query, headers, body, null);
        }

        /** {@code clientAddress}: the client's IP ({@code ClientAddress}: from a trusted proxy, else the TCP peer). */
        public Request(Map<String, String> pathVariables, MultiValueMap<String, String> query, HttpHeaders headers, byte[] body,
                       String clientAddress) {
            this.pathVariables = pathVariables;
            this.query = query;
            this.headers = headers;
            this.body = body;
            this.clientAddress = clientAddress;
        }
    }

    /** The arguments as a JSON array, one element per parameter (null for an absent optional one). */
    public String bind(Route route, Request request) {
        if (route.getParams().isEmpty()) {
            return "[]"; // no tree to build and write for a call without arguments (most GETs)
        }
        JsonNode body = null;
        boolean bodyParsed = false;
        ArrayNode args = json.createArrayNode();
        for (RouteParam p : route.getParams()) {
            Source source = Source.parse(p.getFrom());
            if ((source.kind() == Source.Kind.BODY || source.kind() == Source.Kind.BODY_FIELD) && !bodyParsed) {
                body = parseBody(request, source.kind() == Source.Kind.BODY || !source.optional());
                bodyParsed = true;
            }
            JsonNode raw = raw(source, request, body);
            if (raw == null || raw.isNull()) {
                if (!source.optional()) {
                    throw new ApiError(ErrorCode.BAD_REQUEST, "Missing " + source.describe());
                }
                args.addNull();
                continue;
            }
            if (!p.getSet().isEmpty()) {
                if (!raw.isObject()) {
                    throw new ApiError(ErrorCode.BAD_REQUEST, "The " + source.describe() + " must be a JSON object");
                }
                for (Map.Entry<String, String> s : p.getSet().entrySet()) {
                    Source from = Source.parse(s.getValue());
                    JsonNode v = raw(from, request, body);
                    if (v == null && !from.optional()) {
                        throw new ApiError(ErrorCode.BAD_REQUEST, "Missing " + from.describe());
                    }
                    ((ObjectNode) raw).set(s.getKey(), v);
                }
            }
            if (source.kind() == Source.Kind.RAW_BODY && "byte[]".equals(p.getType())) {
                // A file (e.g. a PDF report): bytes as they came, base64 in the JSON arguments.
                args.add(BinaryNode.valueOf(request.body));
                continue;
            }
            args.add(convert(raw, p.getType(), source));
        }
        return args.toString();
    }

    private JsonNode raw(Source s, Request r, JsonNode body) {
        switch (s.kind()) {
            case PATH:
                return text(r.pathVariables.get(s.name()));
            case QUERY:
                return text(r.query.getFirst(s.name()));
            case HEADER:
                return text(r.headers.getFirst(s.name()));
            case BODY:
                return body;
            case BODY_FIELD:
                return body == null ? null : body.get(s.name());
            case RAW_BODY:
                return r.body == null || r.body.length == 0 ? null : TextNode.valueOf(new String(r.body, StandardCharsets.UTF_8));
            case CLIENT_ADDRESS:
                return text(r.clientAddress);
            default:
                throw new IllegalStateException(s.kind().name());
        }
    }

    private JsonNode parseBody(Request request, boolean required) {
        byte[] bytes = request.body;
        if (bytes == null || bytes.length == 0) {
            if (required) {
                throw new ApiError(ErrorCode.BAD_REQUEST, "A JSON request body is required");
            }
            return null;
        }
        RequestBodies.requireJson(request.headers);
        JsonDepth.check(bytes);
        try {
            JsonNode n = json.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new ApiError(ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "The request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "The request body could not be read");
        }
    }

    private JsonNode convert(JsonNode raw, String type, Source source) {
        Class<?> target;
        try {
            target = com.checkup.gateway.routes.ParamTypes.load(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("route parameter type not on the classpath: " + type, e);
        }
        if (target == String.class) {
            if (!raw.isTextual()) {
                throw new ApiError(ErrorCode.BAD_REQUEST, "The " + source.describe() + " must be a string");
            }
            return raw;
        }
        try {
            // Round-trip through the real type: wrong types and unknown fields fail here, named.
            return json.valueToTree(json.treeToValue(raw, target));
        } catch (UnrecognizedPropertyException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "Unknown field '" + fieldPath(e) + "' in the " + source.describe());
        } catch (MismatchedInputException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "Field '" + fieldPath(e) + "' of the " + source.describe()
                    + " has the wrong type (expected " + simpleType(e.getTargetType()) + ")");
        } catch (JsonProcessingException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "The " + source.describe() + " does not fit " + target.getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "The " + source.describe() + " does not fit " + target.getSimpleName());
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "(root)" : b.toString();
    }

    private static String simpleType(Class<?> c) {
        if (c == null) {
            return "another type";
        }
        if (c == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(c) || (c.isPrimitive() && c != boolean.class)) {
            return "a number";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    private static JsonNode text(String s) {
        return s == null ? null : TextNode.valueOf(s);
    }
}
