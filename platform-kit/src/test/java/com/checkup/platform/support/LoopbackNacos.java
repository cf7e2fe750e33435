package com.checkup.platform.support;

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
 * The one part of a Nacos server a client talks to before anything else, on loopback: its HTTP login
 * ({@code POST /nacos/v1/auth/users/login}). It records what credentials arrive and answers with a token; everything
 * else (the gRPC port, 1000 above) is absent, so clients then fail as they would against a Nacos that is down.
 * No Nacos server can be had here: this shows what reaches one, not that a registration works.
 */
public final class LoopbackNacos implements AutoCloseable {
    private final HttpServer server;
    private final List<Map<String, String>> logins = new CopyOnWriteArrayList<>();

    public LoopbackNacos() throws IOException {
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
            byte[] answer = "{\"accessToken\":\"loopback-token\",\"tokenTtl\":18000,\"globalAdmin\":false}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** {@code 127.0.0.1:<port>}, what NACOS_ADDRESS would hold. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every login's form fields (username, password), in arrival order. */
    public List<Map<String, String>> logins() {
        return List.copyOf(logins);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
