package com.checkup.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** Every service's log pattern: a message never spans lines, so input cannot forge a log line. */
class LogLineTest {

    @Test
    void controlCharactersInAMessageStayOnItsLine() {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        PatternLayout layout = new PatternLayout();
        layout.setContext(ctx);
        // %wEx is Spring Boot's converter, registered only under Spring Boot's logging system.
        layout.setPattern(PlatformDefaults.LOG_LINE.replace("%wEx", "%ex"));
        layout.start();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("test"), Level.WARN,
                "Rejected a callback on channel {}", new IllegalArgumentException("Event a\r\n2026-12-01 INFO forged by an exception"),
                new Object[] {"WX\r\n2026-12-01 INFO forged line\u2028x"});
        e.setMDCPropertyMap(java.util.Map.of("traceId", "t1"));
        String line = layout.doLayout(e);
        assertThat(line).endsWith(System.lineSeparator());
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertThat(body).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028")
                .contains("channel WX | 2026-12-01 INFO forged line | x")
                .contains("IllegalArgumentException: Event a | 2026-12-01 INFO forged by an exception");
    }
}
