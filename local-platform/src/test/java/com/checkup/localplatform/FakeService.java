package com.checkup.localplatform;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in service process for testing the launcher: answers the readiness probe on 127.0.0.1, or fails on
 * start like a misconfigured service would. Real services are Spring Boot jars started the same way.
 */
public final class FakeService {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        if (args.length > 1 && args[1].equals("fail")) {
            System.out.println("APPLICATION FAILED TO START: datasource url is wrong (simulated)");
            System.exit(3);
        }
        System.out.println("fake service starting on " + port);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health/readiness", ex -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake service stopping (SIGTERM)");
            server.stop(0);
        }));
        Thread.currentThread().join();
    }
}
