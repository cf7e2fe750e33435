package com.checkup.gateway.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaneRulesTest {
    @Test
    void userThenTenantThenAppVersion() {
        LaneRules r = LaneRules.parse("{\"users\":{\"consumer2\":\"gray\"},\"tenants\":{\"ACME\":\"blue\"},\"appVersions\":{\"2.5.0\":\"review\"}}");
        assertThat(r.laneFor("consumer2", "ACME", "2.5.0")).isEqualTo("gray");
        assertThat(r.laneFor("hr.acme", "ACME", "2.5.0")).isEqualTo("blue");
        assertThat(r.laneFor("consumer1", null, "2.5.0")).isEqualTo("review");
        assertThat(r.laneFor("consumer1", null, "2.4.0")).isNull();
        assertThat(LaneRules.parse(r.toJson()).laneFor("consumer2", null, null)).isEqualTo("gray");
    }

    @Test
    void badLanesAreRefused() {
        assertThatThrownBy(() -> LaneRules.parse("{\"users\":{\"a\":\"Gray Lane\"}}")).hasMessageContaining("bad lane");
        assertThatThrownBy(() -> LaneRules.parse("{\"people\":{}}")).hasMessageContaining("not valid JSON");
    }
}
