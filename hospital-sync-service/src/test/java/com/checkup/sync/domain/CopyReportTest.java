package com.checkup.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyReportTest {
    @Test
    void circuitsTravelAsTextAndOnlyTheNotClosedOnes() {
        CopyReport r = new CopyReport("large/pod-1/ab", "large", "large=H001", Map.of("H002", "HALF_OPEN", "H001", "OPEN", "H003", "CLOSED"));
        assertThat(r.encodedCircuits()).isEqualTo("H001=OPEN,H002=HALF_OPEN");
        assertThat(CopyReport.decodeCircuits(r.encodedCircuits())).isEqualTo(Map.of("H001", "OPEN", "H002", "HALF_OPEN"));
        assertThat(CopyReport.decodeCircuits(null)).isEmpty();
        assertThat(CopyReport.decodeCircuits("H1=OPEN,junk,H2=SIDEWAYS,=OPEN")).isEqualTo(Map.of("H1", "OPEN"));
    }

    @Test
    void theWorstStateOfAnyCopyIsShownPerHospital() {
        List<CopyReport> live = List.of(
                new CopyReport("large/pod-1/a", "large", "large=H001", Map.of("H001", "HALF_OPEN", "H002", "OPEN")),
                new CopyReport("large/pod-2/b", "large", "large=H001", Map.of("H001", "OPEN")),
                new CopyReport("default/pod-3/c", "default", "large=H001", Map.of("H009", "HALF_OPEN")));
        assertThat(CopyReport.circuitsByHospital(live))
                .isEqualTo(Map.of("H001", "OPEN", "H002", "OPEN", "H009", "HALF_OPEN"));
    }

    @Test
    void namesTheTiersNoRunningCopyServesAndTheMapsTheCopiesRunWith() {
        HospitalTiers tiers = HospitalTiers.parse("large=H001;north=H010");
        List<CopyReport> live = List.of(new CopyReport("default/p/1", "default", tiers.toString(), Map.of()),
                new CopyReport("large@gray/p/2", "large", tiers.toString(), Map.of()));
        assertThat(CopyReport.tiersWithoutCopy(tiers, live)).containsExactly("north");
        assertThat(CopyReport.maps(live)).containsExactly("large=H001;north=H010");
        assertThat(CopyReport.tiersWithoutCopy(HospitalTiers.none(), List.of())).isEmpty();
        // A move being rolled out: one copy has the new map already.
        assertThat(CopyReport.maps(List.of(live.get(0), new CopyReport("large/p/3", "large", "large=H001,H002;north=H010",
                Map.of())))).containsExactly("large=H001,H002;north=H010", "large=H001;north=H010");
    }
}
