package com.checkup.contracts.payment;

/**
 * PENDING → SUCCEEDED (channel confirmed) → REFUND_PENDING (refund asked) → REFUNDED (channel confirmed); or PENDING →
 * CLOSED: its order closed unpaid and the channel's trade was closed, nothing was taken. A payment the channel reports
 * paid after all goes CLOSED → SUCCEEDED, and its money is given back (reconciliation: the order is closed).
 */
public enum PaymentStatus {
    PENDING, SUCCEEDED, REFUND_PENDING, REFUNDED, CLOSED
}
