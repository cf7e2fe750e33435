package com.checkup.platform.paging;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of a newest-first listing ended: the last row's sort time and its id, which breaks ties. The next page
 * starts strictly after it, so rows added or changed meanwhile neither shift nor repeat rows the way an offset would.
 * Clients get it as an opaque string (base64url of {@code v1|<instant>|<id>}) and must not build one.
 */
public record KeysetCursor(Instant at, String id) {
    private static final String VERSION = "v1";
    private static final int MAX_TEXT = 200;
    // A forged far-off instant would fail later in the database (a 500): every row of ours is after 2000.
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    public KeysetCursor {
        Objects.requireNonNull(at);
        Objects.requireNonNull(id);
    }

    public String encode() {
        String plain = VERSION + "|" + at + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page gave out, null for none (the first page); VALIDATION_FAILED naming {@code cursor} otherwise. */
    public static KeysetCursor decodeOrFirst(String text) {
        return text == null || text.isBlank() ? null : decode(text);
    }

    /** The cursor a page gave out; VALIDATION_FAILED naming {@code cursor} for anything else. */
    public static KeysetCursor decode(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw malformed();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            // Our ids are letters, digits and dashes ("T-<uuid>", "M-<uuid>"): anything else was not given out here.
            if (parts.length != 3 || !VERSION.equals(parts[0]) || !parts[2].matches("[A-Za-z0-9-]{1,40}")) {
                throw malformed();
            }
            Instant at = Instant.parse(parts[1]);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw malformed();
            }
            return new KeysetCursor(at, parts[2]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw malformed();
        }
    }

    private static BusinessException malformed() {
        return new BusinessException(ErrorCode.VALIDATION_FAILED,
                "cursor is not one this listing gave out: pass a page's nextCursor as it came, or none for the first page");
    }
}
