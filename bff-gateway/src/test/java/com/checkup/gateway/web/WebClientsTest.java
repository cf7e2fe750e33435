package com.checkup.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class WebClientsTest {
    private static final WebClients clients = WebClients.fromClasspath(Set.of("testclient", "absent"), new JsonResponses(new ObjectMapper()));

    private static MockServerWebExchange serve(MockServerHttpRequest request) {
        MockServerWebExchange e = MockServerWebExchange.from(request);
        String client = clients.clientOf(request.getURI().getRawPath());
        assertThat(client).isNotNull();
        clients.serve(e, client).block(Duration.ofSeconds(5));
        return e;
    }

    private static String body(MockServerWebExchange e) {
        return e.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
    }

    @Test
    void onlyTheClientsPathsAreTheirs() {
        assertThat(clients.clientOf("/testclient/")).isEqualTo("testclient");
        assertThat(clients.clientOf("/testclient")).isEqualTo("testclient");
        assertThat(clients.clientOf("/testclientx/")).isNull();
        assertThat(clients.clientOf("/api/testclient/")).isNull();
    }

    @Test
    void aClientSideRouteGetsTheIndexNeverCachedWithAStrictPolicy() {
        MockServerWebExchange e = serve(MockServerHttpRequest.get("/testclient/desk/arrivals").build());
        assertThat(e.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(body(e)).contains("<div id=\"app\">");
        assertThat(e.getResponse().getHeaders().getFirst("Content-Type")).startsWith("text/html");
        assertThat(e.getResponse().getHeaders().getCacheControl()).isEqualTo("no-cache");
        assertThat(e.getResponse().getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(e.getResponse().getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void hashedAssetsAreImmutableAndGzippedWhenAsked() throws Exception {
        MockServerWebExchange plain = serve(MockServerHttpRequest.get("/testclient/assets/index-abc123.js").build());
        assertThat(plain.getResponse().getHeaders().getCacheControl()).contains("immutable");
        assertThat(plain.getResponse().getHeaders().getFirst("Content-Type")).startsWith("text/javascript");
        assertThat(body(plain)).startsWith("console.log");

        MockServerWebExchange zipped = serve(MockServerHttpRequest.get("/testclient/assets/index-abc123.js").header("Accept-Encoding", "gzip, br").build());
        MockServerHttpResponse r = zipped.getResponse();
        assertThat(r.getHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
        byte[] bytes = r.getBody().reduce(new java.io.ByteArrayOutputStream(), (out, buf) -> {
            byte[] b = new byte[buf.readableByteCount()];
            buf.read(b);
            out.write(b, 0, b.length);
            return out;
        }).block(Duration.ofSeconds(5)).toByteArray();
        assertThat(r.getHeaders().getContentLength()).isEqualTo(bytes.length).isLessThan(1000);
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unzipped).startsWith("console.log").hasSize(200 * 22);
    }

    @Test
    void aMissingAssetIsANotFoundEnvelopeNotTheIndex() {
        MockServerWebExchange e = serve(MockServerHttpRequest.get("/testclient/assets/gone-123.js").build());
        assertThat(e.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(e)).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void traversalAndEncodedPathsAreNotFiles() {
        assertThat(serve(MockServerHttpRequest.get("/testclient/assets/..%2F..%2Fapplication.yml").build()).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(serve(MockServerHttpRequest.get("/testclient/../index.html").build()))).doesNotContain("secret");
    }

    @Test
    void theBarePathRedirectsAndOnlyReadsAreServed() {
        MockServerWebExchange bare = serve(MockServerHttpRequest.get("/testclient").build());
        assertThat(bare.getResponse().getStatusCode()).isEqualTo(HttpStatus.MOVED_PERMANENTLY);
        assertThat(bare.getResponse().getHeaders().getLocation()).hasToString("/testclient/");

        MockServerWebExchange post = serve(MockServerHttpRequest.post("/testclient/").body("x"));
        assertThat(post.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(post.getResponse().getHeaders().getAllow()).isNotEmpty();

        MockServerWebExchange head = serve(MockServerHttpRequest.head("/testclient/").build());
        assertThat(head.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(head.getResponse().getHeaders().getContentLength()).isPositive();
    }

    @Test
    void aClientNotBuiltIntoTheGatewaySaysSo() {
        MockServerWebExchange e = serve(MockServerHttpRequest.get("/absent/").build());
        assertThat(e.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(e)).contains("not built into this gateway");
    }

    @Test
    void gzipOnlyWhenAcceptedAndNotRefused() {
        assertThat(WebClients.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(WebClients.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(WebClients.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(WebClients.acceptsGzip("gzip; q=0.0")).isFalse();
        assertThat(WebClients.acceptsGzip("x-gzip2, br")).isFalse();
        assertThat(WebClients.acceptsGzip(null)).isFalse();
    }
}
