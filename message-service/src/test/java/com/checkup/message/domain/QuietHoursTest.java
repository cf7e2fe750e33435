package com.checkup.message.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Test
    void anOvernightWindowHoldsUntilMorning() {
        QuietHours q = QuietHours.parse("21:30-08:00");
        // 23:00 and 02:00 in Shanghai are quiet; both wait until 08:00 Shanghai.
        assertThat(q.endIfQuiet(Instant.parse("2026-11-22T15:00:00Z"), CHINA)).contains(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(q.endIfQuiet(Instant.parse("2026-11-22T18:00:00Z"), CHINA)).contains(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(q.endIfQuiet(Instant.parse("2026-11-22T04:00:00Z"), CHINA)).isEmpty(); // 12:00
        assertThat(QuietHours.OFF.endIfQuiet(Instant.parse("2026-11-22T15:00:00Z"), CHINA)).isEmpty();
        assertThatThrownBy(() -> QuietHours.parse("late")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void templatesFillWhatTheyKnowAndShowWhatTheyDoNot() {
        assertThat(Template.render("At {hospitalId} on {date}: {code}", Map.of("hospitalId", "H001", "date", "2026-12-01")))
                .isEqualTo("At H001 on 2026-12-01: {code}");
    }
}
