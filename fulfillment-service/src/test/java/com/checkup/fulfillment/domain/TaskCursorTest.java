package com.checkup.fulfillment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TaskCursorTest {
    @Test
    void aCursorComesBackAsItWasGivenOut() {
        TaskCursor c = new TaskCursor(Instant.parse("2026-11-22T08:00:00.123Z"), "T-0b5e7c1a-1f6e-4f5c-9a55-3f0d1b2c3d4e");
        String text = c.encode();
        assertThat(text).matches("[A-Za-z0-9_-]+").doesNotContain("T-0b5e");
        assertThat(TaskCursor.decode(text)).isEqualTo(c);
        // A whole second has no fraction in Instant's text; it still reads back.
        TaskCursor whole = new TaskCursor(Instant.parse("2026-11-22T08:00:00Z"), "T-1");
        assertThat(TaskCursor.decode(whole.encode())).isEqualTo(whole);
    }

    @Test
    void anythingElseIsRefusedNamingTheCursor() {
        for (String bad : new String[] {"garbage!", "", "   ", "x".repeat(500), b64("v1|not-a-time|T-1"), b64("v2|2026-11-22T08:00:00Z|T-1"),
                b64("v1|2026-11-22T08:00:00Z"), b64("v1|2026-11-22T08:00:00Z|T-1|x"), b64("v1|2026-11-22T08:00:00Z|' OR 1=1 --"),
                // forged instants the database cannot hold: refused here, not a 500 there
                b64("v1|+1000000000-01-01T00:00:00Z|T-1"), b64("v1|-0001-01-01T00:00:00Z|T-1"), b64("v1|1970-01-01T00:00:00Z|T-1")}) {
            assertThatThrownBy(() -> TaskCursor.decode(bad)).as(bad).isInstanceOfSatisfying(BusinessException.class, e -> {
                assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED");
                assertThat(e.getMessage()).startsWith("cursor ");
            });
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
