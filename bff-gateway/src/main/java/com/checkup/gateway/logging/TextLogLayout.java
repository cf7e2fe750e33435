package com.checkup.gateway.logging;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's human log line: {@code 2026-12-03 04:01:02.345  INFO [thread] short.logger.Name : message}, what the
 * pattern {@code %d{yyyy-MM-dd HH:mm:ss.SSS} %5p [%t] %logger{36} : %m} wrote, with a CR, LF, U+2028 or U+2029 (from a
 * URL, a header, an exception's message) never starting a line of its own: a run of them becomes {@code " | "}, and a
 * stack trace follows its message on the same line.
 *
 * <p>Written in code rather than as a pattern because the gateway writes a line per request: logback 1.2 formats the
 * date with a {@code SimpleDateFormat} for every new millisecond and {@code %replace} runs a regex over every message;
 * here the date's text is kept per second and a message without line breaks is copied as it is.
 */
public final class TextLogLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.")
            .withZone(ZoneId.systemDefault());
    private static final int MAX_LOGGER_NAMES = 10_000;

    private final Abbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(36);
    private final ConcurrentHashMap<String, String> shortNames = new ConcurrentHashMap<>();
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

    /** The date and time up to the second, for one epoch second (one object: read and replaced atomically). */
    private static final class Stamp {
        final long second;
        final String text;

        Stamp(long second, String text) {
            this.second = second;
            this.text = text;
        }
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        StringBuilder line = new StringBuilder(96 + (message == null ? 4 : message.length()));
        appendTime(line, event.getTimeStamp());
        String level = event.getLevel().toString();
        line.append(' ');
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(level).append(" [").append(event.getThreadName()).append("] ")
                .append(shortName(event.getLoggerName())).append(" : ");
        appendOneLine(line, message == null ? "null" : message);
        if (thrown != null) {
            line.append(" | ");
            appendOneLine(line, ThrowableProxyUtil.asString(thrown));
        }
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private void appendTime(StringBuilder line, long millis) {
        long second = Math.floorDiv(millis, 1000);
        Stamp s = stamp;
        if (s.second != second) {
            s = new Stamp(second, SECOND.format(Instant.ofEpochSecond(second)));
            stamp = s;
        }
        int ms = (int) Math.floorMod(millis, 1000);
        line.append(s.text).append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10));
    }

    private String shortName(String logger) {
        String known = shortNames.get(logger);
        if (known != null) {
            return known;
        }
        String abbreviated = abbreviator.abbreviate(logger);
        if (shortNames.size() < MAX_LOGGER_NAMES) {
            shortNames.put(logger, abbreviated);
        }
        return abbreviated;
    }

    /** {@code text} with every run of line breaks (CR, LF, U+2028, U+2029; a trailing one too) as " | ". */
    static void appendOneLine(StringBuilder line, String text) {
        int n = text.length();
        int from = 0;
        int i = 0;
        while (i < n) {
            if (!isBreak(text.charAt(i))) {
                i++;
                continue;
            }
            line.append(text, from, i).append(" | ");
            while (i < n && isBreak(text.charAt(i))) {
                i++;
            }
            from = i;
        }
        line.append(text, from, n);
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }
}
