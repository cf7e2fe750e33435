package com.checkup.booking.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The short code an examinee shows at the desk instead of the long booking id: 8 characters of an alphabet without
 * look-alikes (no 0/O, 1/I/L), derived from the booking id (itself random), so nothing extra is stored. The desk
 * resolves it among its hospital's bookings of the day, where a clash of two codes (one in 10^12) would be reported,
 * not guessed.
 */
public final class CheckInCode {
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    public static final Pattern FORMAT = Pattern.compile("[" + new String(ALPHABET) + "]{8}");

    private CheckInCode() {
    }

    public static String of(String bookingId) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(("checkin:" + bookingId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET[(h[i] & 0xff) % ALPHABET.length]);
        }
        return b.toString();
    }

    /** Whether a desk's input is a code (else it is taken as a booking id); case and spaces do not matter. */
    public static String normalise(String input) {
        String s = input == null ? "" : input.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        return FORMAT.matcher(s).matches() ? s : null;
    }
}
