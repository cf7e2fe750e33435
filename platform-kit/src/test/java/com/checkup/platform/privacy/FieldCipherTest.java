package com.checkup.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
    private final String k1 = FieldCipher.newKey();
    private final String k2 = FieldCipher.newKey();

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        FieldCipher c = new FieldCipher("k1", Map.of("k1", k1));
        String a = c.encrypt("110105199003071234");
        String b = c.encrypt("110105199003071234");
        assertThat(a).startsWith("v1:k1:").doesNotContain("1101051990").isNotEqualTo(b);
        assertThat(c.decrypt(a)).isEqualTo("110105199003071234");
        assertThat(c.encrypt(null)).isNull();
    }

    @Test
    void oldValuesStayReadableAfterRotation() {
        String old = new FieldCipher("k1", Map.of("k1", k1)).encrypt("13812345678");
        FieldCipher rotated = new FieldCipher("k2", Map.of("k1", k1, "k2", k2));
        assertThat(rotated.decrypt(old)).isEqualTo("13812345678");
        assertThat(rotated.encrypt("x")).startsWith("v1:k2:");
    }

    @Test
    void tamperingOrAWrongKeyIsDetected() {
        FieldCipher c = new FieldCipher("k1", Map.of("k1", k1));
        String v = c.encrypt("13812345678");
        String flipped = v.substring(0, v.length() - 3) + (v.charAt(v.length() - 3) == 'A' ? 'B' : 'A') + v.substring(v.length() - 2);
        assertThatThrownBy(() -> c.decrypt(flipped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FieldCipher("k1", Map.of("k1", k2)).decrypt(v)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesMissingOrWeakKeys() {
        assertThatThrownBy(() -> new FieldCipher("k1", Map.of())).hasMessageContaining("No encryption key");
        assertThatThrownBy(() -> new FieldCipher("k1", Map.of("k1", "c2hvcnQ="))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new FieldCipher("k9", Map.of("k1", k1))).hasMessageContaining("k9");
    }

    @Test
    void blindIndexIsStableForOneKey() {
        FieldCipher c = new FieldCipher("k1", Map.of("k1", k1));
        assertThat(c.blindIndex("a")).isEqualTo(c.blindIndex("a")).isNotEqualTo(c.blindIndex("b")).hasSize(64);
    }

    @Test
    void masksKeepOnlyTheEnds() {
        assertThat(Masking.idNumber("110105199003071234")).isEqualTo("110***********1234");
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.phone("123")).isEqualTo("***");
    }
}
