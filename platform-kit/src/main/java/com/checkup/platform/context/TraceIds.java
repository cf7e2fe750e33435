package com.checkup.platform.context;

import java.util.UUID;
import java.util.regex.Pattern;

/** Trace ids: 32 hex chars when made here; an incoming id is kept only if it is short and plain. */
public final class TraceIds {
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private TraceIds() {
    }

    public static String next() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The incoming id when it is safe to log and echo back, else a new one (no header injection into logs). */
    public static String acceptOrNew(String incoming) {
        return incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : next();
    }
}
