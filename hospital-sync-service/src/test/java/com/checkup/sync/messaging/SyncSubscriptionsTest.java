package com.checkup.sync.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.platform.events.LaneAwareConsumer;
import com.checkup.sync.domain.HospitalTiers;
import org.junit.jupiter.api.Test;

class SyncSubscriptionsTest {
    @Test
    void eachTierConsumesInItsOwnGroupAndLanesStillSuffixIt() {
        HospitalTiers tiers = HospitalTiers.parse("large=H001;large-north=H010");
        String base = SyncSubscriptions.group(tiers.tier(""));
        String large = SyncSubscriptions.group(tiers.tier("large"));
        String largeNorth = SyncSubscriptions.group(tiers.tier("large-north"));
        assertThat(base).isEqualTo("hospital-sync-service-bookings");
        assertThat(large).isEqualTo("hospital-sync-service-bookings_tier_large");
        assertThat(LaneAwareConsumer.laneGroup(large, "gray")).isEqualTo("hospital-sync-service-bookings_tier_large_lane_gray");

        // A baseline treats groups "<its group>_lane_<lane>" as its lanes (and stands in for them): no tier's group, and
        // no lane group of another tier, ever looks like a lane of another copy.
        String laneOfBase = LaneAwareConsumer.laneGroup(base, "");
        String laneOfLarge = LaneAwareConsumer.laneGroup(large, "");
        assertThat(large).doesNotStartWith(laneOfBase);
        assertThat(LaneAwareConsumer.laneGroup(large, "gray")).doesNotStartWith(laneOfBase);
        assertThat(largeNorth).doesNotStartWith(laneOfLarge);
        assertThat(LaneAwareConsumer.laneGroup(largeNorth, "gray")).doesNotStartWith(laneOfLarge);
        // RocketMQ group names: letters, digits, '_', '-', '%', '|', at most 255.
        assertThat(LaneAwareConsumer.laneGroup(largeNorth, "a".repeat(32))).matches("[%|a-zA-Z0-9_-]{1,255}");
    }
}
