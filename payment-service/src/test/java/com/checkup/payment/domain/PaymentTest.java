package com.checkup.payment.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.error.BusinessException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentTest {
    private final Payment p = Payment.open("O1", "SIMULATED", 59_900, Instant.EPOCH, null);

    @Test
    void aNotificationMustNameTheSameOrderAndAmount() {
        assertThatCode(() -> p.checkMatches(new ChannelNotification(p.id(), "O1", 59_900, "SUCCESS", "T"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> p.checkMatches(new ChannelNotification(p.id(), "O2", 59_900, "SUCCESS", "T")))
                .isInstanceOf(BusinessException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> p.checkMatches(new ChannelNotification(p.id(), "O1", 1, "SUCCESS", "T")))
                .isInstanceOf(BusinessException.class).hasMessageContaining("cents");
    }

    @Test
    void nothingToPayIsRefused() {
        assertThatThrownBy(() -> Payment.open("O1", "SIMULATED", 0, Instant.EPOCH, null)).isInstanceOf(BusinessException.class);
    }
}
