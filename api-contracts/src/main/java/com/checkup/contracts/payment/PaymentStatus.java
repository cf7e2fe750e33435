package com.checkup.contracts.payment;

/** PENDING → SUCCEEDED (channel confirmed) → REFUND_PENDING (refund asked) → REFUNDED (channel confirmed). */
public enum PaymentStatus {
    PENDING, SUCCEEDED, REFUND_PENDING, REFUNDED
}
