package com.checkup.booking.domain;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The code an employee books with: 10 characters of Crockford's base32 (no I, L, O, U: nothing to misread on a
 * phone), about 50 random bits. It is the only thing standing between a stranger and a company-paid check-up, so
 * it is random, not derived from anything.
 */
public final class EntitlementCode {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int LENGTH = 10;

    private EntitlementCode() {
    }

    public static String next() {
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** What a person typed, as stored: upper case, without spaces and dashes; null when it cannot be a code. */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String c = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return c.length() == LENGTH && c.chars().allMatch(ch -> new String(ALPHABET).indexOf(ch) >= 0) ? c : null;
    }
}
