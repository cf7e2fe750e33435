package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;

/**
 * A cheap scan of JSON text, run before Jackson sees it: Jackson 2.11 parses nested arrays and objects recursively,
 * and a body nested ~30,000 deep overflows the stack of whatever thread parses it (the event loop included). One pass,
 * no allocation: counts the depth of {@code [} and {@code {} outside strings (honouring {@code \} escapes) and stops
 * as soon as it passes the limit. Every piece of client JSON the gateway parses goes through here first.
 *
 * <p>Bytes are read as UTF-8, the only encoding JSON may be exchanged in (RFC 8259): there every byte of a multi-byte
 * character is {@code >= 0x80}, so a {@code "}, {@code \}, {@code [} or {@code {} byte is always that character. A
 * NUL byte is never valid JSON in UTF-8 but is in every UTF-16/32 text (Jackson would detect and decode those, and
 * their bytes could hide brackets from a byte scan): such a body is refused.
 */
public final class JsonDepth {
    /** The deepest nesting of arrays and objects the gateway accepts in a request (our DTOs need fewer than 5). */
    public static final int MAX_DEPTH = 64;

    private JsonDepth() {
    }

    /** The result of a scan. */
    public enum Verdict { OK, TOO_DEEP, NOT_UTF8 }

    /** Scans UTF-8 JSON bytes; stops at the first level past {@code maxDepth}. */
    public static Verdict scan(byte[] json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (b == 0) {
                return Verdict.NOT_UTF8;
            }
            if (inString) {
                if (b == '\\') {
                    i++; // the escaped character, whatever it is, never ends the string
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > maxDepth) {
                    return Verdict.TOO_DEEP;
                }
            } else if ((b == ']' || b == '}') && depth > 0) {
                depth--;
            }
        }
        return Verdict.OK;
    }

    /** Scans JSON text already decoded (the gateway's own argument arrays, documents handed over as strings). */
    public static Verdict scan(CharSequence json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > maxDepth) {
                    return Verdict.TOO_DEEP;
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return Verdict.OK;
    }

    /** For a request body: a 400 in the envelope when it nests deeper than {@link #MAX_DEPTH} or is not UTF-8. */
    public static void check(byte[] body) {
        refuse(scan(body, MAX_DEPTH), MAX_DEPTH);
    }

    /** For JSON text: a 400 in the envelope when it nests deeper than {@code maxDepth}. */
    public static void check(CharSequence json, int maxDepth) {
        refuse(scan(json, maxDepth), maxDepth);
    }

    private static void refuse(Verdict v, int maxDepth) {
        switch (v) {
            case TOO_DEEP:
                throw new ApiError(ErrorCode.BAD_REQUEST, tooDeepMessage(maxDepth));
            case NOT_UTF8:
                throw new ApiError(ErrorCode.BAD_REQUEST, "The request body must be JSON in UTF-8");
            default:
        }
    }

    public static String tooDeepMessage(int maxDepth) {
        return "The JSON nests deeper than " + maxDepth + " levels of arrays and objects";
    }
}
