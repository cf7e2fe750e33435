package com.checkup.gateway.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * The gateway's log lines, for its console and file appenders (the ones Spring Boot 2.3 sets up): {@link TextLogLayout}
 * by default, {@link JsonLogLayout} with the services' switch {@code checkup.log.format=json} (env
 * {@code CHECKUP_LOG_FORMAT}). Boot 2.3 has no structured logging, and its patterns are too dear for a line per request
 * (see TextLogLayout), so this gives the appenders their layout right after Boot's logging system is initialised
 * (registered in META-INF/spring.factories). An operator's own logback file ({@code logging.config}) is left alone.
 */
public final class LogFormat implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    public static final String FORMAT = "checkup.log.format";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String format = event.getEnvironment().getProperty(FORMAT, "text").trim();
        boolean json = format.equalsIgnoreCase("json");
        if (!json && !format.equalsIgnoreCase("text")) {
            throw new IllegalStateException(FORMAT + " (CHECKUP_LOG_FORMAT) is 'text' or 'json', not '" + format + "'");
        }
        if (event.getEnvironment().getProperty("logging.config", "").isBlank()) {
            use(json);
        }
    }

    /** Gives every output-stream appender of the root logger (console, file) the JSON or the text layout. */
    static void use(boolean json) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return;
        }
        LoggerContext ctx = (LoggerContext) factory;
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof OutputStreamAppender) {
                LayoutBase<ILoggingEvent> layout = json ? new JsonLogLayout() : new TextLogLayout();
                layout.setContext(ctx);
                layout.start();
                LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
                encoder.setContext(ctx);
                encoder.setCharset(StandardCharsets.UTF_8);
                encoder.setLayout(layout);
                encoder.start();
                ((OutputStreamAppender<ILoggingEvent>) a).setEncoder(encoder);
            }
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
