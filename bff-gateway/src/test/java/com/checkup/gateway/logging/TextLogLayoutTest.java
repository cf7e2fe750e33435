package com.checkup.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The gateway's human lines: the fields of its former pattern, one line per event whatever the input holds. */
class TextLogLayoutTest {
    private final LoggerContext ctx = new LoggerContext();
    private final TextLogLayout layout = started();

    private TextLogLayout started() {
        TextLogLayout l = new TextLogLayout();
        l.setContext(ctx);
        l.start();
        return l;
    }

    private LoggingEvent event(Level level, String logger, String message, Throwable t, long at) {
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger(logger), level, message, t, null);
        e.setTimeStamp(at);
        e.setThreadName("reactor-http-epoll-1");
        return e;
    }

    @Test
    void writesTimeLevelThreadShortLoggerAndMessage() {
        long at = Instant.parse("2026-12-03T04:01:02.045Z").toEpochMilli();
        String line = layout.doLayout(event(Level.INFO, "checkup.gateway.access", "GET /api/hospitals 200", null, at));
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochMilli(at));
        assertThat(line).isEqualTo(time + "  INFO [reactor-http-epoll-1] checkup.gateway.access : GET /api/hospitals 200"
                + System.lineSeparator());

        String shortened = layout.doLayout(event(Level.ERROR,
                "org.springframework.web.server.adapter.HttpWebHandlerAdapter", "x", null, at));
        assertThat(shortened).contains(" ERROR [reactor-http-epoll-1] o.s.w.s.a.HttpWebHandlerAdapter : x");
    }

    @Test
    void theTimeFollowsEachMillisecondAndSecond() {
        long at = Instant.parse("2026-12-03T23:59:59.999Z").toEpochMilli();
        for (long t : new long[] {at, at + 1, at - 998, at + 1001, at}) {
            String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault())
                    .format(Instant.ofEpochMilli(t));
            assertThat(layout.doLayout(event(Level.WARN, "a", "m", null, t))).startsWith(expected + "  WARN ");
        }
    }

    @Test
    void noInputStartsALineOfItsOwn() {
        String forged = "/api/x\r\n2026-01-01 00:00:00.000  INFO [t] checkup.gateway.access : forged\u2028also\u2029";
        String line = layout.doLayout(event(Level.ERROR, "checkup.gateway.access", "GET " + forged + " 500",
                new IllegalStateException("boom\nsecond line"), 0));
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertThat(body).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028").doesNotContain("\u2029");
        assertThat(body).contains("GET /api/x | 2026-01-01 00:00:00.000  INFO [t] checkup.gateway.access : forged | also | "
                + " 500 | java.lang.IllegalStateException: boom | second line | \tat ");
    }

    @Test
    void aMessageWithoutBreaksIsCopiedAsItIs() {
        StringBuilder sb = new StringBuilder();
        TextLogLayout.appendOneLine(sb, "plain text");
        assertThat(sb).hasToString("plain text");
        sb.setLength(0);
        TextLogLayout.appendOneLine(sb, "\r\n");
        assertThat(sb).hasToString(" | ");
    }
}
