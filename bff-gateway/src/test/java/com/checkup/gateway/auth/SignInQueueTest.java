package com.checkup.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignInQueueTest {

    @Test
    void admitsUpToItsLimitAndAgainOnceOneIsDone() {
        try (SignInQueue q = new SignInQueue(1, 2)) {
            assertThat(q.admit()).isTrue();
            assertThat(q.admit()).isTrue();
            assertThat(q.admit()).as("a third waiting sign-in is refused at once").isFalse();
            assertThat(q.inFlight()).isEqualTo(2);
            q.done();
            assertThat(q.admit()).isTrue();
            assertThat(q.admit()).isFalse();
        }
    }

    @Test
    void refusesASizeThatCouldRejectWork() {
        assertThatThrownBy(() -> new SignInQueue(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignInQueue(0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
