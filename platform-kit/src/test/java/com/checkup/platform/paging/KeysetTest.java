package com.checkup.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetTest {
    private record Row(Instant at, String id) {
    }

    @Test
    void aCursorComesBackAsItWasGivenOut() {
        KeysetCursor c = new KeysetCursor(Instant.parse("2026-11-22T08:00:00.123Z"), "T-0b5e7c1a-1f6e-4f5c-9a55-3f0d1b2c3d4e");
        String text = c.encode();
        assertThat(text).matches("[A-Za-z0-9_-]+").doesNotContain("T-0b5e");
        assertThat(KeysetCursor.decode(text)).isEqualTo(c);
        // A whole second has no fraction in Instant's text; it still reads back.
        KeysetCursor whole = new KeysetCursor(Instant.parse("2026-11-22T08:00:00Z"), "M-1");
        assertThat(KeysetCursor.decode(whole.encode())).isEqualTo(whole);
        assertThat(KeysetCursor.decodeOrFirst(null)).isNull();
        assertThat(KeysetCursor.decodeOrFirst("  ")).isNull();
    }

    @Test
    void anythingElseIsRefusedNamingTheCursor() {
        for (String bad : new String[] {"garbage!", "x".repeat(500), b64("v1|not-a-time|T-1"), b64("v2|2026-11-22T08:00:00Z|T-1"),
                b64("v1|2026-11-22T08:00:00Z"), b64("v1|2026-11-22T08:00:00Z|T-1|x"), b64("v1|2026-11-22T08:00:00Z|' OR 1=1 --"),
                // forged instants the database cannot hold: refused here, not a 500 there
                b64("v1|+1000000000-01-01T00:00:00Z|T-1"), b64("v1|-0001-01-01T00:00:00Z|T-1"), b64("v1|1970-01-01T00:00:00Z|T-1")}) {
            assertThatThrownBy(() -> KeysetCursor.decodeOrFirst(bad)).as(bad).isInstanceOfSatisfying(BusinessException.class, e -> {
                assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED");
                assertThat(e.getMessage()).startsWith("cursor ");
            });
        }
    }

    @Test
    void aPageIsTheRowsAskedForAndACursorOnlyWhenMoreFollow() {
        Keyset two = Keyset.of(2);
        assertThat(two.readSize()).isEqualTo(3);
        Row a = new Row(Instant.parse("2026-11-22T08:00:03Z"), "T-3");
        Row b = new Row(Instant.parse("2026-11-22T08:00:02Z"), "T-2");
        Row c = new Row(Instant.parse("2026-11-22T08:00:01Z"), "T-1");
        Keyset.Page<Row> full = two.page(List.of(a, b, c), Row::at, Row::id);
        assertThat(full.rows()).containsExactly(a, b);
        assertThat(KeysetCursor.decode(full.nextCursor())).isEqualTo(new KeysetCursor(b.at(), b.id()));
        Keyset.Page<Row> last = two.page(List.of(a, b), Row::at, Row::id);
        assertThat(last.rows()).containsExactly(a, b);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void theLimitIsFiftyByDefaultAndOneToTwoHundred() {
        assertThat(Keyset.of(null).size()).isEqualTo(50);
        assertThat(Keyset.of(200).size()).isEqualTo(200);
        for (int bad : new int[] {0, -1, 201}) {
            assertThatThrownBy(() -> Keyset.of(bad)).isInstanceOf(BusinessException.class).hasMessageContaining("limit");
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
