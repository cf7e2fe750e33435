package com.checkup.platform.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceIdsTest {
    @Test
    void newIdsAre32HexCharactersAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = TraceIds.next();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(seen.add(id)).as("unique: %s", id).isTrue();
        }
    }

    @Test
    void aPlainIncomingIdIsKeptAnythingElseReplaced() {
        assertThat(TraceIds.acceptOrNew("gw-1234.abc:x_y")).isEqualTo("gw-1234.abc:x_y");
        assertThat(TraceIds.acceptOrNew("evil\r\nX-Injected: 1")).matches("[0-9a-f]{32}");
        assertThat(TraceIds.acceptOrNew("a".repeat(65))).matches("[0-9a-f]{32}");
        assertThat(TraceIds.acceptOrNew(null)).matches("[0-9a-f]{32}");
    }
}
