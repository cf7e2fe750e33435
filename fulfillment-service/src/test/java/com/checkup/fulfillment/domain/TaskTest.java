package com.checkup.fulfillment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void oneClaimsOthersWaitAndOnlyTheClaimerResolves() {
        Task t = Task.open("T1", "k", "H1", "B1", TaskKind.SYNC_FAILED, "push failed", NOW);
        assertThat(t.claim("DESK:a", NOW)).isTrue();
        assertThat(t.claim("DESK:a", NOW)).isFalse();
        assertThatThrownBy(() -> t.claim("DESK:b", NOW)).isInstanceOf(BusinessException.class).hasMessageContaining("claimed by DESK:a");
        assertThatThrownBy(() -> t.resolve("DESK:b", TaskOutcome.FULFILLED, null, NOW)).isInstanceOf(BusinessException.class);
        t.resolve("DESK:a", TaskOutcome.FULFILLED, "done", NOW);
        assertThat(t.status()).isEqualTo(TaskStatus.RESOLVED);
        assertThatThrownBy(() -> t.claim("DESK:a", NOW)).isInstanceOf(BusinessException.class).hasMessageContaining("resolved");
    }

    @Test
    void resolvingAnOpenTaskClaimsItOnTheWay() {
        Task t = Task.open("T1", "k", "H1", "B1", TaskKind.MANUAL_HOSPITAL, null, NOW);
        t.resolve("OPS:o", TaskOutcome.NOT_NEEDED, null, NOW);
        assertThat(t.claimedBy()).isEqualTo("OPS:o");
        assertThat(t.outcome()).isEqualTo(TaskOutcome.NOT_NEEDED);
    }
}
