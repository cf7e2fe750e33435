package com.checkup.contracts.order;

/** CREATED → PAID → FULFILLED, or CLOSED (unpaid: hold expired or cancelled) / REFUNDED (paid, then cancelled). */
public enum OrderStatus {
    CREATED, PAID, FULFILLED, CLOSED, REFUNDED
}
