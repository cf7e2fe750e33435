package com.checkup.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RosterTest {
    private static final String HEADER = "employee_no,name,gender,birth_date,id_number,phone,package";

    private static Roster parse(String text) {
        return Roster.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rowsAreReadOneByOneWhateverTheLineEndsAndMarks() {
        Roster r = Roster.parse(("\uFEFF" + HEADER + "\r\nE1,张伟\r\nE2,王芳\n\n  \n").getBytes(StandardCharsets.UTF_8));
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.row(0)).isEqualTo("E1,张伟");
        assertThat(r.row(1)).isEqualTo("E2,王芳");
        assertThat(parse(HEADER + "\nE1,x").row(0)).as("no line break at the end").isEqualTo("E1,x");
        assertThat(parse(HEADER).rows()).isZero();
    }

    @Test
    void aRosterOverTheRowLimitIsRefusedBeforeAnyRowIsRead() {
        StringBuilder big = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i <= Roster.MAX_ROWS; i++) {
            big.append("E").append(i).append('\n');
        }
        assertThatThrownBy(() -> parse(big.toString())).isInstanceOf(BusinessException.class)
                .hasMessageContaining("at most " + Roster.MAX_ROWS);
        // Exactly the limit, then blank lines: fine.
        StringBuilder full = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < Roster.MAX_ROWS; i++) {
            full.append("E").append(i).append('\n');
        }
        assertThat(parse(full + "\n\n\n").rows()).isEqualTo(Roster.MAX_ROWS);
    }

    @Test
    void eightMegabytesOfLineBreaksAreRefusedWithoutIndexingThemAll() {
        byte[] csv = new byte[8 * 1024 * 1024];
        Arrays.fill(csv, (byte) '\n');
        byte[] header = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, csv, 0, header.length);
        csv[csv.length - 1] = 'x';
        assertThatThrownBy(() -> Roster.parse(csv)).hasMessageContaining("more than " + Roster.MAX_ROWS);
    }
}
