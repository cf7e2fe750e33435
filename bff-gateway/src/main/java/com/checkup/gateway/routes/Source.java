package com.checkup.gateway.routes;

import java.util.Locale;

/** A parsed {@code from} of a route parameter. */
public final class Source {
    /** CLIENT_ADDRESS: the address the request came from (the TCP peer), not anything the client writes. */
    public enum Kind { PATH, QUERY, HEADER, BODY, BODY_FIELD, RAW_BODY, CLIENT_ADDRESS }

    private final Kind kind;
    private final String name;
    private final boolean optional;

    private Source(Kind kind, String name, boolean optional) {
        this.kind = kind;
        this.name = name;
        this.optional = optional;
    }

    public static Source parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a 'from'");
        }
        String t = text.trim();
        boolean optional = t.endsWith("?");
        if (optional) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.equals("body")) {
            return new Source(Kind.BODY, null, optional);
        }
        if (t.equals("rawBody")) {
            return new Source(Kind.RAW_BODY, null, optional);
        }
        if (t.equals("client:address")) {
            return new Source(Kind.CLIENT_ADDRESS, null, optional);
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("bad parameter source '" + text + "'");
        }
        String prefix = t.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = t.substring(colon + 1);
        switch (prefix) {
            case "path":
                return new Source(Kind.PATH, name, optional);
            case "query":
                return new Source(Kind.QUERY, name, optional);
            case "header":
                return new Source(Kind.HEADER, name, optional);
            case "body":
                return new Source(Kind.BODY_FIELD, name, optional);
            default:
                throw new IllegalArgumentException("bad parameter source '" + text + "'");
        }
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public boolean optional() {
        return optional;
    }

    public boolean readsBody() {
        return kind == Kind.BODY || kind == Kind.BODY_FIELD || kind == Kind.RAW_BODY;
    }

    /** How the client should read it in an error message. */
    public String describe() {
        switch (kind) {
            case PATH:
                return "path variable '" + name + "'";
            case QUERY:
                return "query parameter '" + name + "'";
            case HEADER:
                return "header '" + name + "'";
            case BODY_FIELD:
                return "body field '" + name + "'";
            case CLIENT_ADDRESS:
                return "client address";
            default:
                return "request body";
        }
    }
}
