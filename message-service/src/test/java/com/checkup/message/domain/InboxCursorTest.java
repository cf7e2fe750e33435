package com.checkup.message.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxCursorTest {
    @Test
    void aCursorGivenOutReadsBackAsItsNumberForItsUserOnly() {
        for (long seq : List.of(0L, 1L, 42L, 123_456_789_012L)) {
            String c = InboxCursor.encode("consumer1", seq);
            assertThat(InboxCursor.decode(c, "consumer1")).isEqualTo(seq);
            assertThat(c).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(64);
            assertThatThrownBy(() -> InboxCursor.decode(c, "consumer2")).as("another user's cursor")
                    .isInstanceOf(BusinessException.class);
        }
        assertThat(InboxCursor.encode("consumer1", 7)).as("deterministic: unchanged means the same string")
                .isEqualTo(InboxCursor.encode("consumer1", 7));
    }

    @Test
    void anythingElseIsRefusedNamingAfter() {
        String good = InboxCursor.encode("u1", 5);
        String tag = new String(Base64.getUrlDecoder().decode(good), StandardCharsets.US_ASCII).split("\\.")[2];
        List<String> bad = List.of(
                "", "not-a-cursor", "%%%", good + "=", good + "A", " " + good, good.substring(1),
                b64("i1.5"), b64("i2.5." + tag), b64("i1.-5." + tag), b64("i1.05." + tag), b64("i1.5x." + tag),
                b64("i1.99999999999999999999." + tag), b64("i1.5." + tag + ".x"), b64("v1|2026-01-01T00:00:00Z|M-1"),
                "A".repeat(65));
        for (String b : bad) {
            assertThatThrownBy(() -> InboxCursor.decode(b, "u1")).as("'%s'", b).isInstanceOfSatisfying(BusinessException.class, e -> {
                assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED");
                assertThat(e.getMessage()).startsWith("after ");
            });
        }
        assertThatThrownBy(() -> InboxCursor.decode(null, "u1")).isInstanceOf(BusinessException.class);
        // padded base64 of a good cursor is a different string: refused (only what was given out)
        String padded = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(good));
        if (!padded.equals(good)) {
            assertThatThrownBy(() -> InboxCursor.decode(padded, "u1")).isInstanceOf(BusinessException.class);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
