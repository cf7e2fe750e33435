package com.checkup.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's JSON lines: the same fields as the services' (Spring Boot's logstash format), one line each. */
class JsonLogLayoutTest {

    @Test
    void aLineParsesCarriesTheMdcAndCannotBeSplitByInput() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(ctx);
        layout.start();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("checkup.gateway.access"), Level.ERROR,
                "GET {} 500", new IllegalStateException("boom\r\nforged"), new Object[] {"/api/x\r\n2026-01-01 INFO forged"});
        e.setMDCPropertyMap(Map.of("traceId", "abc123", "lane", "gray"));
        String line = layout.doLayout(e);

        assertThat(line).endsWith(System.lineSeparator());
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertThat(body).doesNotContain("\n").doesNotContain("\r");
        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(json.path("logger_name").asText()).isEqualTo("checkup.gateway.access");
        assertThat(json.path("thread_name").asText()).isNotEmpty();
        assertThat(json.path("message").asText()).isEqualTo("GET /api/x\r\n2026-01-01 INFO forged 500");
        assertThat(json.path("stack_trace").asText()).contains("IllegalStateException: boom");
        assertThat(json.path("traceId").asText()).isEqualTo("abc123");
        assertThat(json.path("lane").asText()).isEqualTo("gray");
    }
}
