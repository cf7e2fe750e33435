package com.checkup.message.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import com.checkup.platform.time.SettableClock;
import org.junit.jupiter.api.Test;

class CatalogueNamesTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void namesAreCachedPerHospitalAndAnUnreachableCatalogueIsAskedAgainOnlyLater() {
        Catalogue catalogue = mock(Catalogue.class);
        when(catalogue.hospitals()).thenThrow(new RuntimeException("no provider")).thenReturn(Map.of("H001", "北京协和"));
        when(catalogue.packages("H001")).thenReturn(Map.of("H001-CT", "CT 套餐"));
        CatalogueNames names = new CatalogueNames(catalogue, clock, Duration.ofMinutes(10), Duration.ofSeconds(30));

        assertThat(names.hospital("H001")).as("not available: the notice goes without").isEmpty();
        assertThat(names.packageName("H001", "H001-CT")).isEmpty();
        verify(catalogue, times(1)).hospitals();

        clock.advance(Duration.ofSeconds(31));
        assertThat(names.hospital("H001")).contains("北京协和");
        assertThat(names.packageName("H001", "H001-CT")).contains("CT 套餐");
        assertThat(names.packageName("H001", "H001-X")).isEmpty();
        assertThat(names.hospital(null)).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        names.hospital("H001");
        verify(catalogue, times(2)).hospitals();
        verify(catalogue, times(1)).packages("H001");
    }
}
