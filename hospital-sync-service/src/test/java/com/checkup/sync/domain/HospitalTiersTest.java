package com.checkup.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HospitalTiersTest {
    @Test
    void readsNamedTiersAndGivesEachHospitalToExactlyOneCopy() {
        HospitalTiers tiers = HospitalTiers.parse(" large = H001, H002 ; north=H010 ");
        assertThat(tiers.tiers()).containsExactly(Map.entry("large", Set.of("H001", "H002")),
                Map.entry("north", Set.of("H010")));
        assertThat(tiers.tierOf("H002")).contains("large");
        assertThat(tiers.tierOf("H003")).isEmpty();
        assertThat(tiers).hasToString("large=H001,H002;north=H010");
        assertThat(HospitalTiers.parse(tiers.toString()).tiers()).isEqualTo(tiers.tiers());

        Tier large = tiers.tier("large");
        Tier north = tiers.tier(" north ");
        Tier rest = tiers.tier("");
        assertThat(tiers.tier(null).isDefault()).isTrue();
        for (String h : List.of("H001", "H002", "H010", "H003", "SOMEWHERE")) {
            assertThat(List.of(large, north, rest)).as(h).filteredOn(t -> t.serves(h)).hasSize(1);
        }
        assertThat(large.serves("H001")).isTrue();
        assertThat(rest.serves("H003")).isTrue();
        assertThat(rest.serves("H010")).isFalse();
        assertThat(large.only()).containsExactly("H001", "H002");
        assertThat(large.except()).isNull();
        assertThat(rest.only()).isNull();
        assertThat(rest.except()).containsExactly("H001", "H002", "H010");
        assertThat(large.name()).isEqualTo("large");
        assertThat(rest.name()).isEqualTo("default");
        assertThat(large).hasToString("tier large (hospitals H001, H002)");
        assertThat(rest).hasToString("the default copy (every hospital but H001, H002, H010)");
    }

    @Test
    void noTiersMeansTheDefaultCopyServesEveryHospital() {
        for (String none : new String[] {null, "", "   "}) {
            HospitalTiers tiers = HospitalTiers.parse(none);
            assertThat(tiers.tiers()).isEmpty();
            Tier t = tiers.tier(null);
            assertThat(t.isDefault()).isTrue();
            assertThat(t.serves("H001")).isTrue();
            assertThat(t.except()).isEmpty();
        }
        assertThat(Tier.everyHospital().serves("ANY")).isTrue();
    }

    @Test
    void refusesAMapItCouldReadDifferentlyNamingWhatIsWrong() {
        refused("large=H001;north=H001", "hospital H001 is in tiers 'large' and 'north'");
        refused("large=H001,H001", "hospital H001 is listed twice in tier 'large'");
        refused("large=", "tier 'large' lists no hospital");
        refused("large=  ", "tier 'large' lists no hospital");
        refused("large=H001,,H002", "tier 'large' has an empty hospital id");
        refused("large=H001,", "tier 'large' has an empty hospital id");
        refused("large=H001;", "entry 2 is empty");
        refused(";large=H001", "entry 1 is empty");
        refused("large=H001;large=H002", "tier 'large' is given twice");
        refused("Large=H001", "tier name 'Large' must be");
        refused("big_ones=H001", "tier name 'big_ones' must be");
        refused("-large=H001", "tier name '-large' must be");
        refused("x".repeat(33) + "=H001", "must be 1-32");
        refused("default=H001", "'default' is the copy that serves every hospital in no tier");
        refused("=H001", "has no tier name");
        refused("large", "'large' is not <tier>=<hospital>,<hospital>...");
        refused("large:H001,H002", "is not <tier>=<hospital>");
        refused("large=H001=H002", "is not <tier>=<hospital>");
        refused("large=H001 H002", "'H001 H002' in tier 'large' is not a hospital id");
        refused("large=../H001", "is not a hospital id");
        refused("large=H001,north=H002", "'large=H001,north=H002' is not <tier>=<hospital>,<hospital>... (tiers are separated by ';')");
    }

    @Test
    void aCopyNamingNoTierOfTheMapDoesNotStart() {
        HospitalTiers tiers = HospitalTiers.parse("large=H001;north=H010");
        assertThatThrownBy(() -> tiers.tier("small")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkup.sync.tier is 'small', which is no tier of checkup.sync.tiers (large, north)")
                .hasMessageContaining("leave it empty for the default copy");
        assertThatThrownBy(() -> tiers.tier("default")).hasMessageContaining("no tier of checkup.sync.tiers");
        assertThatThrownBy(() -> HospitalTiers.none().tier("large")).hasMessageContaining("(none is configured)");
    }

    private static void refused(String spec, String message) {
        assertThatThrownBy(() -> HospitalTiers.parse(spec)).as(spec).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkup.sync.tiers: ").hasMessageContaining(message);
    }
}
