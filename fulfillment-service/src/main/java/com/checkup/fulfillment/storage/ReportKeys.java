package com.checkup.fulfillment.storage;

import java.nio.charset.StandardCharsets;

/**
 * The keys report files are stored under ({@code <hospital>/<booking>/<report>.pdf}), checked the same way by every
 * store, so a key can never name something outside the reports' own place (a parent directory, another prefix of the
 * bucket): relative, '/'-separated, no empty, "." or ".." segment, no backslash or control character, bounded.
 */
public final class ReportKeys {
    /** S3 allows 1024 bytes for a whole object key (prefix included); ours are under 200. */
    static final int MAX_KEY_BYTES = 1024;

    private ReportKeys() {
    }

    /** The key itself if it is a valid report key, else {@link IllegalArgumentException}. */
    public static String check(String key) {
        if (!valid(key)) {
            throw new IllegalArgumentException("Bad report key " + printable(key));
        }
        return key;
    }

    /**
     * A configured key prefix as used in front of keys: empty, or valid segments ending with '/' (added when missing,
     * so "reports" and "reports/" are the same place).
     */
    public static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String p = prefix.endsWith("/") ? prefix : prefix + "/";
        if (!valid(p.substring(0, p.length() - 1))) {
            throw new IllegalArgumentException("Bad report key prefix " + printable(prefix));
        }
        return p;
    }

    /** The object key: prefix + checked key, within S3's length limit. */
    static String objectKey(String prefix, String key) {
        String k = prefix + check(key);
        if (k.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Report key too long (" + k.length() + " characters): " + printable(key));
        }
        return k;
    }

    private static boolean valid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_BYTES) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** For messages: a forged key must not forge a log line or flood it. */
    private static String printable(String key) {
        if (key == null) {
            return "null";
        }
        String s = key.length() > 120 ? key.substring(0, 120) + "..." : key;
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
