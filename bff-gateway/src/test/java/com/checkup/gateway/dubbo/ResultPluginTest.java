package com.checkup.gateway.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.gateway.routes.RouteTable;
import com.checkup.gateway.routes.RouteTableTest;
import com.checkup.gateway.web.GatewayExchange;
import com.checkup.gateway.web.JsonResponses;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.shenyu.common.constant.Constants;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class ResultPluginTest {
    private final ResultPlugin plugin = new ResultPlugin(new JsonResponses(new ObjectMapper()));

    @Test
    void javaClassNamesOfAGenericResultAreRemovedAtEveryLevel() {
        Object cleaned = ResultPlugin.clean(List.of(Map.of("class", "com.checkup.contracts.booking.HospitalView", "hospitalId", "H001",
                "nested", Map.of("class", "X", "v", 1))));
        assertThat(cleaned).isEqualTo(List.of(Map.of("hospitalId", "H001", "nested", Map.of("v", 1))));
    }

    private static MockServerWebExchange answered(String path, Object result) throws Exception {
        RouteTable routes = RouteTable.parse(RouteTableTest.bundled());
        MockServerWebExchange e = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        e.getAttributes().put(GatewayExchange.ROUTE, routes.match("GET", path));
        e.getAttributes().put(Constants.RPC_RESULT, result);
        return e;
    }

    @Test
    void aReportDownloadIsNeverCachedNorSniffed() throws Exception {
        byte[] pdf = "%PDF-1.4 <html><script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        MockServerWebExchange e = answered("/api/app/bookings/B1/report",
                Map.of("fileName", "report.pdf", "contentType", "application/pdf", "content", pdf));
        plugin.execute(e, ex -> Mono.empty()).block(Duration.ofSeconds(5));
        assertThat(e.getResponse().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(e.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(e.getResponse().getHeaders().getContentDisposition().getType()).isEqualTo("attachment");
        assertThat(e.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).startsWith("%PDF-1.4");
    }

    @Test
    void aJsonAnswerIsNotSniffedEither() throws Exception {
        MockServerWebExchange e = answered("/api/app/hospitals", List.of(Map.of("hospitalId", "H001")));
        plugin.execute(e, ex -> Mono.empty()).block(Duration.ofSeconds(5));
        assertThat(e.getResponse().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(e.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo("[{\"hospitalId\":\"H001\"}]");
    }
}
