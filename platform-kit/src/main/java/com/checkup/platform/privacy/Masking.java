package com.checkup.platform.privacy;

/** How personal data appears in responses and logs: enough to recognise, not enough to use. */
public final class Masking {
    private Masking() {
    }

    /** {@code 110105199003071234} → {@code 110***********1234}. */
    public static String idNumber(String id) {
        return keepEnds(id, 3, 4);
    }

    /** {@code 13812345678} → {@code 138****5678}. */
    public static String phone(String phone) {
        return keepEnds(phone, 3, 4);
    }

    /** {@code 张三丰} → {@code 张**}: the family name only. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    private static String keepEnds(String s, int head, int tail) {
        if (s == null) {
            return null;
        }
        if (s.length() <= head + tail) {
            return "*".repeat(s.length());
        }
        return s.substring(0, head) + "*".repeat(s.length() - head - tail) + s.substring(s.length() - tail);
    }
}
