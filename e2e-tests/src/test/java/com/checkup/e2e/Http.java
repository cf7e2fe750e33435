package com.checkup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A small HTTP client for the gateway: JSON in, JSON out, tokens per demo user. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    record Response(int status, Map<String, String> headers, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text, e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The error envelope's code. */
        String code() {
            return json().path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    private Http() {
    }

    static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> {
            Response r = send("POST", "/api/auth/login", null, Map.of(), "{\"username\":\"" + u + "\",\"password\":\"" + u + "-pass\"}");
            if (r.status() != 200) {
                throw new AssertionError("login of " + u + " failed: " + r);
            }
            return r.json().get("token").asText();
        });
    }

    static Response get(String user, String path) {
        return send("GET", path, user, Map.of(), null);
    }

    static Response post(String user, String path, Object body) {
        return send("POST", path, user, Map.of(), body);
    }

    static Response send(String method, String path, String user, Map<String, String> headers, Object body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (user != null) {
            h.putIfAbsent("Authorization", "Bearer " + token(user));
        }
        return raw(method, path, h, body == null ? null : body instanceof String s ? s : write(body));
    }

    static Response raw(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(E2ePlatform.gatewayUrl() + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> hs = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> hs.put(k.toLowerCase(), String.join(",", v)));
            return new Response(r.statusCode(), hs, r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Bytes in and out (files): e.g. a PDF upload, a report download. */
    record Bytes(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    static Bytes bytes(String method, String path, String user, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(E2ePlatform.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(user));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> hs = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> hs.put(k.toLowerCase(), String.join(",", v)));
            return new Bytes(r.statusCode(), hs, r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A plain GET anywhere on loopback (the hospital simulator's control API). */
    static JsonNode getJson(String url) {
        return plain("GET", url);
    }

    /** A plain POST without a body anywhere on loopback (e.g. the simulator checking an examinee in). */
    static JsonNode postJson(String url) {
        return plain("POST", url);
    }

    /** A plain request anywhere on loopback (a simulator's control API), JSON body or none: its status. */
    static int status(String method, String url, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode plain(String method, String url) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
