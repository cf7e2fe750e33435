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

    @Test
    void aLaneReleasedToSomeUsersTakesAStableShareAndEveryoneAtOneHundred() {
        LaneRules ten = LaneRules.parse("{\"percentages\":{\"gray\":10}}");
        int inGray = 0;
        for (int i = 0; i < 10_000; i++) {
            String user = "user-" + i;
            String lane = ten.laneFor(user, null, null);
            assertThat(ten.laneFor(user, null, null)).as("stable").isEqualTo(lane);
            if ("gray".equals(lane)) {
                inGray++;
                assertThat(LaneRules.parse("{\"percentages\":{\"gray\":50}}").laneFor(user, null, null))
                        .as("a larger share keeps the users the smaller one had").isEqualTo("gray");
            }
        }
        assertThat(inGray).as("about 10%% of 10 000 users").isBetween(800, 1200);
        assertThat(ten.laneFor(null, null, null)).as("anonymous callers stay on the baseline until everyone").isNull();

        LaneRules everyone = LaneRules.parse("{\"percentages\":{\"gray\":100}}");
        assertThat(everyone.laneFor("anyone", null, null)).isEqualTo("gray");
        assertThat(everyone.laneFor(null, null, null)).isEqualTo("gray");
        // a named rule still wins over a release
        assertThat(LaneRules.parse("{\"users\":{\"u1\":\"blue\"},\"percentages\":{\"gray\":100}}").laneFor("u1", null, null)).isEqualTo("blue");
        assertThat(LaneRules.parse(everyone.toJson()).getPercentages()).containsEntry("gray", 100);
    }

    @Test
    void percentagesAreCheckedAndAddUpToOneHundredAtMost() {
        assertThatThrownBy(() -> LaneRules.parse("{\"percentages\":{\"gray\":0}}")).hasMessageContaining("1..100");
        assertThatThrownBy(() -> LaneRules.parse("{\"percentages\":{\"gray\":101}}")).hasMessageContaining("1..100");
        assertThatThrownBy(() -> LaneRules.parse("{\"percentages\":{\"gray\":60,\"blue\":50}}")).hasMessageContaining("110%");
        assertThatThrownBy(() -> LaneRules.parse("{\"percentages\":{\"Gray Lane\":5}}")).hasMessageContaining("bad lane");
        assertThatThrownBy(() -> LaneRules.parse("{\"percentages\":{\"gray\":\"ten\"}}")).hasMessageContaining("not valid JSON");
    }
}
