package com.checkup.gateway.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultPluginTest {
    @Test
    void javaClassNamesOfAGenericResultAreRemovedAtEveryLevel() {
        Object cleaned = ResultPlugin.clean(List.of(Map.of("class", "com.checkup.contracts.booking.HospitalView", "hospitalId", "H001",
                "nested", Map.of("class", "X", "v", 1))));
        assertThat(cleaned).isEqualTo(List.of(Map.of("hospitalId", "H001", "nested", Map.of("v", 1))));
    }
}
