package com.checkup.order.domain;

import com.checkup.platform.embedded.BusinessErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.order.OrderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private static Order order() {
        return Order.create("B1", "consumer1", "H001", "P-BASIC", 59_900, NOW);
    }

    private static String code(Runnable r) {
        return BusinessErrors.codeOf(r);
    }

    @Test
    void rejectsBadInputWithClearCodes() {
        assertThat(code(() -> Order.create(" ", "c", "H", "P", 1, NOW))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> Order.create("B", "c", "H", "P", 0, NOW))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> Order.create("B", "c", "H", "P", -5, NOW))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> Order.create("B".repeat(65), "c", "H", "P", 1, NOW))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> Order.create("B".repeat(40), "c", "H", "P", 1, NOW))).as("no room for its order id")
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theOrderIdFollowsFromTheBookingSoTheBookingKnowsItBeforehand() {
        assertThat(Order.create(" B7f3a ", "c", "H", "P", 1, NOW).id()).isEqualTo("OB7f3a");
        assertThat(Order.create("B".repeat(39), "c", "H", "P", 1, NOW).id()).hasSize(40);
    }

    @Test
    void paidOnceAndTheSamePaymentAgainIsANoOp() {
        Order o = order();
        assertThat(o.pay("PAY1", 59_900, NOW)).isEqualTo(Order.PayOutcome.PAID);
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.pay("PAY1", 59_900, NOW)).isEqualTo(Order.PayOutcome.ALREADY_PAID);
        assertThat(o.pay("PAY2", 59_900, NOW)).isEqualTo(Order.PayOutcome.NEEDS_REFUND);
        assertThat(o.paymentId()).isEqualTo("PAY1");
    }

    @Test
    void aWrongAmountIsRefused() {
        Order o = order();
        assertThat(o.pay("PAY1", 100, NOW)).isEqualTo(Order.PayOutcome.AMOUNT_MISMATCH);
        assertThat(o.status()).isEqualTo(OrderStatus.CREATED);
    }

    @Test
    void aPaymentForAClosedOrderMustBeGivenBack() {
        Order o = order();
        assertThat(o.close("HOLD_EXPIRED", NOW)).isTrue();
        assertThat(o.pay("PAY1", 59_900, NOW)).isEqualTo(Order.PayOutcome.NEEDS_REFUND);
        assertThat(o.status()).isEqualTo(OrderStatus.CLOSED);
    }

    @Test
    void transitionsFollowTheStateMachine() {
        Order o = order();
        assertThat(code(() -> o.fulfil(NOW))).isEqualTo("CONFLICT");
        assertThat(code(() -> o.refund("PAY1", NOW))).isEqualTo("CONFLICT");
        o.pay("PAY1", 59_900, NOW);
        assertThat(code(() -> o.close("CANCELLED", NOW))).isEqualTo("CONFLICT");
        assertThat(code(() -> o.refund("OTHER", NOW))).isEqualTo("CONFLICT");
        assertThat(o.refund("PAY1", NOW)).isTrue();
        assertThat(o.refund("PAY1", NOW)).isFalse();
        assertThat(code(() -> o.fulfil(NOW))).isEqualTo("CONFLICT");

        Order p = order();
        p.pay("PAY9", 59_900, NOW);
        assertThat(p.fulfil(NOW)).isTrue();
        assertThat(p.fulfil(NOW)).isFalse();
        assertThat(p.status()).isEqualTo(OrderStatus.FULFILLED);

        Order c = order();
        assertThat(code(() -> c.close("x".repeat(65), NOW))).isEqualTo("VALIDATION_FAILED");
        assertThat(c.close(null, NOW)).isTrue();
        assertThat(c.closeReason()).isEqualTo("CANCELLED");
        assertThat(c.close("HOLD_EXPIRED", NOW)).isFalse();
    }

    @Test
    void recognisesARepeatedCreate() {
        Order o = order();
        assertThat(o.sameRequestAs("consumer1", "H001", "P-BASIC", 59_900)).isTrue();
        assertThat(o.sameRequestAs("consumer1", "H001", "P-BASIC", 60_000)).isFalse();
        assertThat(o.sameRequestAs("consumer2", "H001", "P-BASIC", 59_900)).isFalse();
    }
}
