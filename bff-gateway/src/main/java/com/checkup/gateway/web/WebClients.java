package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * The web clients (the workbench, the consumer app), served same-origin with the API so that no CORS is needed and
 * the token never leaves the origin. The built files come from the classpath ({@code checkup-web/<client>/}, packaged
 * by the {@code web} module) and are held in memory with a gzipped copy of each text file, read once at start.
 *
 * <p>Why not Spring's static resource handling: ShenYu installs its own {@code WebHandler}, so nothing but web filters
 * and ShenYu plugins ever sees a request.
 *
 * <p>Hashed assets ({@code assets/}) are immutable for a year; {@code index.html} is never cached, so a new release is
 * picked up on the next navigation. A path without a file extension is a client-side route: it gets
 * {@code index.html}. Only GET and HEAD.
 */
public final class WebClients {
    private static final Logger log = LoggerFactory.getLogger(WebClients.class);
    private static final String ROOT = "checkup-web/";
    /** Element Plus and Vant set inline styles; nothing else is inline, and nothing is loaded from elsewhere. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** One served file. */
    static final class File {
        final byte[] bytes;
        final byte[] gzipped;
        final String type;
        final boolean immutable;

        File(byte[] bytes, byte[] gzipped, String type, boolean immutable) {
            this.bytes = bytes;
            this.gzipped = gzipped;
            this.type = type;
            this.immutable = immutable;
        }
    }

    private final Set<String> clients;
    private final Map<String, File> files;
    private final JsonResponses responses;

    WebClients(Set<String> clients, Map<String, File> files, JsonResponses responses) {
        this.clients = clients;
        this.files = files;
        this.responses = responses;
    }

    /** Reads every client found on the classpath; none found is fine (a gateway built without the web module). */
    public static WebClients fromClasspath(Set<String> clients, JsonResponses responses) {
        Map<String, File> files = new HashMap<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(WebClients.class.getClassLoader());
        for (String client : clients) {
            try {
                for (Resource r : resolver.getResources("classpath*:" + ROOT + client + "/**")) {
                    if (!r.isReadable() || r.getFilename() == null || r.getFilename().isEmpty()) {
                        continue;
                    }
                    String url = r.getURL().toString();
                    int at = url.lastIndexOf(ROOT + client + "/");
                    String path = url.substring(at + ROOT.length() - 1); // "/workbench/assets/x.js"
                    byte[] bytes;
                    try (InputStream in = r.getInputStream()) {
                        bytes = in.readAllBytes();
                    }
                    String type = TYPES.getOrDefault(extension(path), "application/octet-stream");
                    boolean text = type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("image/svg");
                    files.put(path, new File(bytes, text && bytes.length > 512 ? gzip(bytes) : null, type, path.contains("/assets/")));
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the web client " + client, e);
            }
            log.info("Web client /{}/: {}", client, files.containsKey("/" + client + "/index.html") ? "served" : "not built into this gateway");
        }
        return new WebClients(clients, Collections.unmodifiableMap(files), responses);
    }

    /** The client a path belongs to ({@code /workbench}, {@code /workbench/...}), or null when it is not a client's. */
    public String clientOf(String path) {
        // "/<client>" or "/<client>/...", compared in place: this runs for every request, API calls included.
        for (String c : clients) {
            int end = c.length() + 1;
            if (path.startsWith(c, 1) && path.startsWith("/") && (path.length() == end || path.charAt(end) == '/')) {
                return c;
            }
        }
        return null;
    }

    public Mono<Void> serve(ServerWebExchange exchange, String client) {
        String method = exchange.getRequest().getMethodValue();
        ServerHttpResponse response = exchange.getResponse();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.getHeaders().set(HttpHeaders.ALLOW, "GET, HEAD");
            return responses.error(exchange, new ApiError(ErrorCode.METHOD_NOT_ALLOWED, "The web client takes GET"));
        }
        String path = exchange.getRequest().getURI().getRawPath();
        if (path.equals("/" + client)) {
            response.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
            response.getHeaders().set(HttpHeaders.LOCATION, "/" + client + "/");
            return response.setComplete();
        }
        File file = path.contains("..") || path.contains("%") ? null : files.get(path);
        if (file == null && (path.endsWith("/") || extension(path).isEmpty())) {
            file = files.get("/" + client + "/index.html"); // a client-side route
        }
        if (file == null) {
            return responses.error(exchange, new ApiError(ErrorCode.NOT_FOUND,
                    files.containsKey("/" + client + "/index.html") ? "No such file" : "The " + client + " is not built into this gateway"));
        }
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders h = response.getHeaders();
        h.set(HttpHeaders.CONTENT_TYPE, file.type);
        h.set(HttpHeaders.CACHE_CONTROL, file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
        h.set("Content-Security-Policy", CSP);
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        byte[] body = file.bytes;
        String accepts = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_ENCODING);
        if (file.gzipped != null && acceptsGzip(accepts)) {
            h.set(HttpHeaders.CONTENT_ENCODING, "gzip");
            body = file.gzipped;
        }
        h.setContentLength(body.length);
        if ("HEAD".equals(method)) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** {@code gzip} among the accepted encodings, and not refused with {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < p.length; i++) {
                    String q = p[i].trim().replace(" ", "");
                    if (q.startsWith("q=") && q.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1) : "";
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }
}
