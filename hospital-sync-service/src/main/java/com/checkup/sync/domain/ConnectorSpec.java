package com.checkup.sync.domain;

import java.net.URI;

/**
 * How a hospital is reached, from its {@code connector} flag: {@code MANUAL} (no system: people book by hand) or
 * {@code HTTP_JSON <base url>}. Adding a hospital is setting this flag, not code.
 */
public record ConnectorSpec(Kind kind, URI baseUrl, java.time.Duration timeout, ConnectorCredentials credentials) {
    public enum Kind { HTTP_JSON, MANUAL }

    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(3);
    public static final ConnectorSpec MANUAL = new ConnectorSpec(Kind.MANUAL, null, DEFAULT_TIMEOUT, null);

    /** The same connector with the hospital's own timeout (flag {@code connector-timeout}). */
    public ConnectorSpec withTimeout(java.time.Duration t) {
        return new ConnectorSpec(kind, baseUrl, t, credentials);
    }

    /** The same connector presenting these credentials (null: none). */
    public ConnectorSpec withCredentials(ConnectorCredentials c) {
        return new ConnectorSpec(kind, baseUrl, timeout, c);
    }

    public static ConnectorSpec parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("MANUAL")) {
            return MANUAL;
        }
        String[] parts = t.split("\\s+");
        if (parts.length == 2 && parts[0].equalsIgnoreCase("HTTP_JSON")) {
            URI url = URI.create(parts[1].endsWith("/") ? parts[1].substring(0, parts[1].length() - 1) : parts[1]);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("the URL must be http(s)://host[:port]/path");
            }
            return new ConnectorSpec(Kind.HTTP_JSON, url, DEFAULT_TIMEOUT, null);
        }
        throw new IllegalArgumentException("expected MANUAL or HTTP_JSON <base url>");
    }

    @Override
    public String toString() {
        return kind == Kind.MANUAL ? "MANUAL" : "HTTP_JSON " + baseUrl;
    }
}
