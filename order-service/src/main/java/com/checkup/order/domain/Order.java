package com.checkup.order.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * An order: the money side of one booking. Amounts are whole cents (fen). Each transition says whether it changed
 * anything, so a retry (a redelivered event, a repeated call) is a no-op rather than an error; a transition the
 * state machine forbids is a CONFLICT.
 */
public final class Order {
    /** Order ids are {@code O} + the booking id and the column holds 40 characters. */
    static final int MAX_BOOKING_ID = 39;

    private final String id;
    private final String bookingId;
    private final String consumerId;
    private final String hospitalId;
    private final String packageId;
    private final long amountCents;
    private final Instant createdAt;
    private final long version;
    private OrderStatus status;
    private String paymentId;
    private String closeReason;
    private Instant updatedAt;

    private Order(String id, String bookingId, String consumerId, String hospitalId, String packageId, long amountCents,
                  OrderStatus status, String paymentId, String closeReason, Instant createdAt, Instant updatedAt,
                  long version) {
        this.id = id;
        this.bookingId = bookingId;
        this.consumerId = consumerId;
        this.hospitalId = hospitalId;
        this.packageId = packageId;
        this.amountCents = amountCents;
        this.status = status;
        this.paymentId = paymentId;
        this.closeReason = closeReason;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** A new order; every field is checked, so a bad request never reaches the database. */
    public static Order create(String bookingId, String consumerId, String hospitalId, String packageId,
                               long amountCents, Instant now) {
        require(bookingId, "bookingId");
        require(consumerId, "consumerId");
        require(hospitalId, "hospitalId");
        require(packageId, "packageId");
        if (amountCents <= 0) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "amountCents must be positive, was " + amountCents);
        }
        if (bookingId.trim().length() > MAX_BOOKING_ID) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "bookingId must be at most " + MAX_BOOKING_ID + " characters");
        }
        String id = OrderService.orderIdOf(bookingId.trim());
        return new Order(id, bookingId.trim(), consumerId.trim(), hospitalId.trim(), packageId.trim(), amountCents,
                OrderStatus.CREATED, null, null, now, now, 0);
    }

    /** Rebuilds an order from storage. */
    public static Order restore(String id, String bookingId, String consumerId, String hospitalId, String packageId,
                                long amountCents, OrderStatus status, String paymentId, String closeReason,
                                Instant createdAt, Instant updatedAt, long version) {
        return new Order(id, bookingId, consumerId, hospitalId, packageId, amountCents, status, paymentId, closeReason,
                createdAt, updatedAt, version);
    }

    /** What a confirmed payment did to the order. */
    public enum PayOutcome {
        /** CREATED → PAID. */
        PAID,
        /** The same payment again: nothing to do. */
        ALREADY_PAID,
        /** Money arrived for an order that is closed or paid by another payment: it must be given back. */
        NEEDS_REFUND,
        /** The channel confirmed another amount than the order's: never accepted, reconciliation sorts it out. */
        AMOUNT_MISMATCH
    }

    public PayOutcome pay(String payment, long paidCents, Instant now) {
        require(payment, "paymentId");
        if (paidCents != amountCents) {
            // Not an exception: retrying the event cannot fix it, and the order must not become PAID.
            return PayOutcome.AMOUNT_MISMATCH;
        }
        if (status == OrderStatus.CREATED) {
            status = OrderStatus.PAID;
            paymentId = payment;
            updatedAt = now;
            return PayOutcome.PAID;
        }
        if (payment.equals(paymentId)) {
            return PayOutcome.ALREADY_PAID;
        }
        return PayOutcome.NEEDS_REFUND;
    }

    /** CREATED → CLOSED; true if it changed. Closing a paid order is a refund, not a close. */
    public boolean close(String reason, Instant now) {
        if (reason != null && reason.trim().length() > 64) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "reason is longer than 64 characters");
        }
        if (status == OrderStatus.CLOSED) {
            return false;
        }
        if (status != OrderStatus.CREATED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Order " + id + " is " + status
                    + "; only an unpaid order can be closed (a paid one is refunded)");
        }
        status = OrderStatus.CLOSED;
        closeReason = reason == null || reason.isBlank() ? "CANCELLED" : reason.trim();
        updatedAt = now;
        return true;
    }

    /** PAID → REFUNDED; true if it changed. */
    public boolean refund(String payment, Instant now) {
        if (status == OrderStatus.REFUNDED) {
            return false;
        }
        if (status != OrderStatus.PAID || !Objects.equals(payment, paymentId)) {
            throw new BusinessException(ErrorCode.CONFLICT, "Order " + id + " is " + status
                    + " with payment " + paymentId + "; refund of payment " + payment + " does not apply");
        }
        status = OrderStatus.REFUNDED;
        updatedAt = now;
        return true;
    }

    /** PAID → FULFILLED; true if it changed. */
    public boolean fulfil(Instant now) {
        if (status == OrderStatus.FULFILLED) {
            return false;
        }
        if (status != OrderStatus.PAID) {
            throw new BusinessException(ErrorCode.CONFLICT, "Order " + id + " is " + status + "; only a paid order is fulfilled");
        }
        status = OrderStatus.FULFILLED;
        updatedAt = now;
        return true;
    }

    /** Same booking, same order data: a repeated create. */
    public boolean sameRequestAs(String consumer, String hospital, String pkg, long cents) {
        return consumerId.equals(consumer.trim()) && hospitalId.equals(hospital.trim())
                && packageId.equals(pkg.trim()) && amountCents == cents;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, field + " is required");
        }
        if (value.length() > 64) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, field + " is longer than 64 characters");
        }
    }

    public String id() {
        return id;
    }

    public String bookingId() {
        return bookingId;
    }

    public String consumerId() {
        return consumerId;
    }

    public String hospitalId() {
        return hospitalId;
    }

    public String packageId() {
        return packageId;
    }

    public long amountCents() {
        return amountCents;
    }

    public OrderStatus status() {
        return status;
    }

    public String paymentId() {
        return paymentId;
    }

    public String closeReason() {
        return closeReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The version read from storage; an update succeeds only if it is still current. */
    public long version() {
        return version;
    }
}
