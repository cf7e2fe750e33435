package com.checkup.message.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Where a consumer's inbox was read up to: the sequence number of the last notice the client got (each user's notices
 * are numbered 1, 2, 3, ... in the order they were committed), tied to the user it was given to. Clients get it as an
 * opaque string (base64url of {@code i1.<seq>.<user tag>}, the tag a hash of the user id) and must not build one.
 * The tag catches a cursor kept across a change of user on one device (it would skip the new user's notices).
 */
public final class InboxCursor {
    private static final String VERSION = "i1";
    private static final int MAX_TEXT = 64;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private InboxCursor() {
    }

    /** The cursor after notice {@code seq} of {@code user} (0: before the first). */
    public static String encode(String user, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq " + seq);
        }
        return B64.encodeToString((VERSION + "." + seq + "." + tag(user)).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The sequence number of a cursor this inbox gave out to {@code user}, exactly as it was given; VALIDATION_FAILED
     * naming {@code after} for anything else. Whether the number was ever reached is for the caller to check (it
     * needs the user's last number).
     */
    public static long decode(String text, String user) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            throw notOurs();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
        String[] parts = plain.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !parts[1].matches("0|[1-9][0-9]{0,17}")
                || !parts[2].equals(tag(user))) {
            throw notOurs();
        }
        long seq = Long.parseLong(parts[1]);
        // Exactly as given out (no padding, no other spelling of the same number): "unchanged" means the same string.
        if (!encode(user, seq).equals(text)) {
            throw notOurs();
        }
        return seq;
    }

    /** VALIDATION_FAILED naming {@code after}. */
    public static BusinessException notOurs() {
        return new BusinessException(ErrorCode.VALIDATION_FAILED,
                "after is not a cursor this inbox gave out to you: send the last page's cursor as it came, or none to start afresh");
    }

    private static String tag(String user) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(h).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
