package com.checkup.platform.context;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Trace ids: 32 hex chars when made here; an incoming id is kept only if it is short and plain. */
public final class TraceIds {
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private TraceIds() {
    }

    /** 128 random bits in hex: unique, not secret (a trace id grants nothing), so no SecureRandom on every call. */
    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return HEX.toHexDigits(r.nextLong()) + HEX.toHexDigits(r.nextLong());
    }

    /** The incoming id when it is safe to log and echo back, else a new one (no header injection into logs). */
    public static String acceptOrNew(String incoming) {
        return incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : next();
    }
}
