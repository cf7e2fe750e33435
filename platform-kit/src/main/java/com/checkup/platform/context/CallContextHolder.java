package com.checkup.platform.context;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The call context of the current thread, mirrored into the logging MDC ({@code traceId}, {@code lane}).
 * Bind it with try-with-resources so the previous context (and MDC) come back when the work ends.
 */
public final class CallContextHolder {
    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_LANE = "lane";

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private CallContextHolder() {
    }

    public static Optional<CallContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current context, or a new root one (not bound) when this thread has none. */
    public static CallContext currentOrNewRoot() {
        CallContext c = CURRENT.get();
        return c != null ? c : CallContext.newRoot();
    }

    public static Scope bind(CallContext context) {
        CallContext previous = CURRENT.get();
        set(context);
        return () -> set(previous);
    }

    private static void set(CallContext c) {
        if (c == null) {
            CURRENT.remove();
            MDC.remove(MDC_TRACE_ID);
            MDC.remove(MDC_LANE);
        } else {
            CURRENT.set(c);
            MDC.put(MDC_TRACE_ID, c.traceId());
            MDC.put(MDC_LANE, c.lane() == null ? "baseline" : c.lane());
        }
    }

    /** Restores the previous context; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
