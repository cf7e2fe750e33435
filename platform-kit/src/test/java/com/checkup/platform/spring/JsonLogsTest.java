package com.checkup.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** JSON logs: one switch (CHECKUP_LOG_FORMAT=json) turns every service's lines into one JSON object each. */
class JsonLogsTest {

    private static StandardEnvironment environment(Map<String, Object> props) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", props));
        new PlatformDefaults().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void textIsTheDefaultAndJsonIsOneSetting() {
        assertThat(environment(Map.of()).getProperty("logging.structured.format.console")).isNull();
        StandardEnvironment json = environment(Map.of("checkup.log.format", "json"));
        assertThat(json.getProperty("logging.structured.format.console")).isEqualTo("logstash");
        assertThat(json.getProperty("logging.structured.format.file")).isEqualTo("logstash");
        assertThatThrownBy(() -> environment(Map.of("checkup.log.format", "jsn")))
                .hasMessageContaining("'text' or 'json'");
    }

    @Test
    void aJsonLineParsesCarriesEveryMdcKeyAndStaysOneLine() throws Exception {
        StandardEnvironment env = environment(Map.of("checkup.log.format", "json", "spring.application.name", "x"));
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        // What Spring Boot's logging system does for structured-console-appender.xml.
        ctx.putObject(Environment.class.getName(), env);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(ctx);
        encoder.setFormat(env.getProperty("logging.structured.format.console"));
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("com.checkup.Test"), Level.WARN,
                "Rejected a callback on channel {}", new IllegalArgumentException("bad\r\n2026-12-01 INFO forged"),
                new Object[] {"WX\r\n2026-12-01 INFO forged line"});
        e.setMDCPropertyMap(Map.of("traceId", "0af7651916cd43dd8448eb211c80319c", "lane", "gray"));
        String line = new String(encoder.encode(e), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n");
        String body = line.stripTrailing();
        assertThat(body).doesNotContain("\n").doesNotContain("\r");
        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.path("@timestamp").asText()).isNotBlank();
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("logger_name").asText()).isEqualTo("com.checkup.Test");
        assertThat(json.path("thread_name").isTextual()).isTrue();
        assertThat(json.path("message").asText()).isEqualTo("Rejected a callback on channel WX\r\n2026-12-01 INFO forged line");
        assertThat(json.path("stack_trace").asText()).contains("IllegalArgumentException: bad");
        assertThat(json.path("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(json.path("lane").asText()).isEqualTo("gray");
    }
}
