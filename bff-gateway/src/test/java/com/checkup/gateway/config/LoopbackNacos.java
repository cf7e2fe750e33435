package com.checkup.gateway.config;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Nacos server's HTTP login on loopback (the gateway's copy of platform-kit's test fixture: the gateway is its own
 * Spring Boot 2.3 island). Records the credentials that arrive; there is no gRPC port behind it, so clients then fail
 * as against a Nacos that is down.
 */
final class LoopbackNacos implements AutoCloseable {
    private final HttpServer server;
    private final List<Map<String, String>> logins = new CopyOnWriteArrayList<>();

    LoopbackNacos() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/nacos/v1/auth/users/login", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> form = new LinkedHashMap<>();
            for (String part : ((query == null ? "" : query) + "&" + body).split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            logins.add(form);
            byte[] answer = "{\"accessToken\":\"loopback-token\",\"tokenTtl\":18000}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Map<String, String>> logins() {
        return List.copyOf(logins);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
