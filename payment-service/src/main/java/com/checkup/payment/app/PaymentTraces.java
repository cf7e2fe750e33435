package com.checkup.payment.app;

import com.checkup.payment.domain.Payment;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.TraceIds;

/**
 * The trace a payment's later work runs in. A channel's notification (or its answer when asked, or reconciliation's
 * repair) about a payment arrives long after the call that created it, with a trace id of its own; applying it — its
 * log lines and the events it publishes (outbox header trace id) — runs under the payment's stored trace id instead, so
 * the flow after payment stays in the trace of the booking that was paid.
 */
final class PaymentTraces {
    private PaymentTraces() {
    }

    /**
     * {@code current} with the payment's trace id (lane and caller kept; none when there is no current context), or
     * {@code current} itself when the payment has no trace id of its own (rows from before it was stored).
     */
    static CallContext of(Payment p, CallContext current) {
        String trace = p.traceId();
        if (trace == null || !TraceIds.acceptOrNew(trace).equals(trace)
                || current != null && trace.equals(current.traceId())) {
            return current;
        }
        return current == null ? new CallContext(trace, null, null, null, null) : current.withTraceId(trace);
    }

    /** Binds {@link #of} for the payment until the scope closes; binds nothing when it is the current context. */
    static CallContextHolder.Scope bind(Payment p) {
        CallContext current = CallContextHolder.current().orElse(null);
        CallContext under = of(p, current);
        return under == current ? () -> { } : CallContextHolder.bind(under);
    }
}
