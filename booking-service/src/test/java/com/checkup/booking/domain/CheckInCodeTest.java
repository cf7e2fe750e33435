package com.checkup.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckInCodeTest {
    @Test
    void aCodeIsEightUnambiguousCharactersFixedByTheBookingId() {
        String id = "B" + UUID.randomUUID().toString().replace("-", "");
        String code = CheckInCode.of(id);
        assertThat(code).hasSize(8).matches(CheckInCode.FORMAT).doesNotContain("0", "O", "1", "I", "L");
        assertThat(CheckInCode.of(id)).isEqualTo(code);
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(CheckInCode.of("B" + UUID.randomUUID()));
        }
        assertThat(codes).hasSize(10_000);
    }

    @Test
    void deskInputIsACodeOnlyInTheCodesShape() {
        String code = CheckInCode.of("B123");
        assertThat(CheckInCode.normalise(code.toLowerCase().substring(0, 4) + "-" + code.substring(4))).isEqualTo(code);
        assertThat(CheckInCode.normalise("B5bf3f33ddbd94ec886a406906d444eb2")).isNull();
        assertThat(CheckInCode.normalise("ABCD0000")).as("0 is not in the alphabet").isNull();
        assertThat(CheckInCode.normalise(null)).isNull();
    }
}
