package com.checkup.gateway.routes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/app/bookings/{id}/cancel}: literal segments and named variables, one segment each. */
final class PathTemplate {
    private static final int MAX_VARIABLE = 128;
    private final String text;
    private final String[] segments;
    private final boolean literal;

    PathTemplate(String text) {
        if (text == null || !text.startsWith("/") || text.contains("//") || text.contains("*")) {
            throw new IllegalArgumentException("bad route path '" + text + "'");
        }
        this.text = text;
        this.segments = split(text);
        boolean lit = true;
        for (String s : segments) {
            if (s.startsWith("{")) {
                if (!s.matches("\\{[A-Za-z][A-Za-z0-9]*}")) {
                    throw new IllegalArgumentException("bad path variable '" + s + "' in " + text);
                }
                lit = false;
            }
        }
        this.literal = lit;
    }

    boolean isLiteral() {
        return literal;
    }

    String text() {
        return text;
    }

    boolean hasVariable(String name) {
        for (String s : segments) {
            if (s.equals("{" + name + "}")) {
                return true;
            }
        }
        return false;
    }

    /** The variables if {@code path} matches, else null. */
    Map<String, String> match(String[] path) {
        if (path.length != segments.length) {
            return null;
        }
        Map<String, String> vars = null;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                String value = decode(path[i]);
                if (value == null || value.isEmpty() || value.length() > MAX_VARIABLE) {
                    return null;
                }
                if (vars == null) {
                    vars = new LinkedHashMap<>(4);
                }
                vars.put(s.substring(1, s.length() - 1), value);
            } else if (!s.equals(path[i])) {
                return null;
            }
        }
        return vars == null ? Map.of() : vars;
    }

    static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
