package com.checkup.localplatform;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in service process for testing the launcher: answers the readiness probe on 127.0.0.1, or fails on
 * start like a misconfigured service would. Real services are Spring Boot jars started the same way.
 *
 * <p>Arguments: {@code <port> ok|fail [crashIf=<file>] [drain=<ms>]}. {@code crashIf}: exits with code 7 at start
 * while that file exists (a service that keeps dying). {@code drain}: takes that long to stop on SIGTERM.
 */
public final class FakeService {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        if (args.length > 1 && args[1].equals("fail")) {
            System.out.println("APPLICATION FAILED TO START: datasource url is wrong (simulated)");
            System.exit(3);
        }
        long drainMillis = 0;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("crashIf=") && Files.exists(Path.of(args[i].substring("crashIf=".length())))) {
                System.out.println("fake service crashing on start (simulated)");
                System.exit(7);
            }
            if (args[i].startsWith("drain=")) {
                drainMillis = Long.parseLong(args[i].substring("drain=".length()));
            }
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
        long drain = drainMillis;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake service stopping (SIGTERM)");
            server.stop(0);
            if (drain > 0) {
                try {
                    Thread.sleep(drain); // a slow drain, to have shutdown take a while
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        Thread.currentThread().join();
    }
}
