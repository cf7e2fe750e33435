package com.checkup.gateway.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
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
 * The services' switch for JSON logs, in the gateway: {@code checkup.log.format=json} (env {@code CHECKUP_LOG_FORMAT})
 * makes the console and file appenders Spring Boot 2.3 set up write {@link JsonLogLayout} lines; {@code text} (the
 * default) leaves the human pattern of application.yml. Boot 2.3 has no structured logging of its own, so this runs
 * right after Boot's logging system is initialised (registered in META-INF/spring.factories).
 */
public final class JsonLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    public static final String FORMAT = "checkup.log.format";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String format = event.getEnvironment().getProperty(FORMAT, "text").trim();
        if (format.equalsIgnoreCase("json")) {
            useJson();
        } else if (!format.equalsIgnoreCase("text")) {
            throw new IllegalStateException(FORMAT + " (CHECKUP_LOG_FORMAT) is 'text' or 'json', not '" + format + "'");
        }
    }

    /** Gives every output-stream appender of the root logger (console, file) the JSON layout. */
    static void useJson() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return;
        }
        LoggerContext ctx = (LoggerContext) factory;
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof OutputStreamAppender) {
                JsonLogLayout layout = new JsonLogLayout();
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
