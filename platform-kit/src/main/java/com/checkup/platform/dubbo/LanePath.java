package com.checkup.platform.dubbo;

import com.checkup.contracts.context.ContextKeys;
import org.apache.dubbo.common.URL;

import java.util.ArrayList;
import java.util.List;

/**
 * The lanes a traced call actually ran in, hop by hop ({@code booking-service:gray,order-service:baseline}), so a
 * tester sees where a lane fell back to the baseline. Only for calls carrying {@link ContextKeys#LANE_TRACE}: the
 * provider filter opens a recorder for the thread serving the call, the cluster filter adds what each downstream call
 * reports, and the provider filter answers with its own hop followed by those.
 */
final class LanePath {
    private static final ThreadLocal<LanePath> CURRENT = new ThreadLocal<>();

    private final List<String> downstream = new ArrayList<>(2);

    private LanePath() {
    }

    /** Starts recording for the current thread; returns the recorder that was there before (calls may nest in-JVM). */
    static LanePath open() {
        LanePath previous = CURRENT.get();
        CURRENT.set(new LanePath());
        return previous;
    }

    static LanePath current() {
        return CURRENT.get();
    }

    /** Ends recording and restores {@code previous}; returns what this thread recorded. */
    static LanePath close(LanePath previous) {
        LanePath mine = CURRENT.get();
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
        return mine;
    }

    synchronized void add(String hops) {
        if (hops != null && !hops.isBlank()) {
            downstream.add(hops);
        }
    }

    /** This provider's hop, then the downstream hops in call order. */
    synchronized String render(URL providerUrl) {
        String app = providerUrl.getApplication("unknown");
        String tag = providerUrl.getParameter(org.apache.dubbo.common.constants.CommonConstants.TAG_KEY);
        StringBuilder b = new StringBuilder(app).append(':').append(tag == null || tag.isBlank() ? "baseline" : tag);
        for (String d : downstream) {
            b.append(',').append(d);
        }
        return b.toString();
    }
}
