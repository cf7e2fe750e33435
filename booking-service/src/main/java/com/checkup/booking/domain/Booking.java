package com.checkup.booking.domain;

import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A booking and its life: HELD → CONFIRMED → CHECKED_IN → COMPLETED, or CANCELLED / EXPIRED / NO_SHOW.
 * Transitions return whether they changed anything, so a repeated event or request is a no-op, and throw CONFLICT
 * when they make no sense in the current state. Capacity is not touched here: the use case takes and gives back
 * places in the same transaction as the change.
 */
public final class Booking {
    /** States in which the booking occupies its place (and resources) in the capacity calendar. */
    public static final Set<BookingStatus> HOLDING_CAPACITY = EnumSet.of(BookingStatus.HELD, BookingStatus.CONFIRMED,
            BookingStatus.CHECKED_IN, BookingStatus.COMPLETED, BookingStatus.NO_SHOW);

    public enum ConfirmOutcome { CONFIRMED, ALREADY_CONFIRMED, NOT_BOOKABLE_ANY_MORE }

    private final String id;
    private final String consumerId;
    private final String idempotencyKey;
    private final String fingerprint;
    private final String hospitalId;
    private final String packageId;
    private final List<String> resources;
    private final long amountCents;
    private final Examinee examinee;
    private final Instant createdAt;
    private final int version;
    private Slot slot;
    private BookingStatus status;
    private String orderId;
    private Instant holdExpiresAt;
    private String cancelReason;
    private Instant updatedAt;

    private Booking(String id, String consumerId, String idempotencyKey, String fingerprint, String hospitalId,
                    String packageId, Slot slot, List<String> resources, long amountCents, BookingStatus status,
                    String orderId, Instant holdExpiresAt, Examinee examinee, String cancelReason, Instant createdAt,
                    Instant updatedAt, int version) {
        this.id = Objects.requireNonNull(id);
        this.consumerId = Objects.requireNonNull(consumerId);
        this.idempotencyKey = idempotencyKey;
        this.fingerprint = fingerprint;
        this.hospitalId = hospitalId;
        this.packageId = packageId;
        this.slot = slot;
        this.resources = List.copyOf(resources);
        this.amountCents = amountCents;
        this.status = status;
        this.orderId = orderId;
        this.holdExpiresAt = holdExpiresAt;
        this.examinee = examinee;
        this.cancelReason = cancelReason;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** A new hold of a place for a package; the price is the package's at this moment. */
    public static Booking hold(String id, String consumerId, String idempotencyKey, String fingerprint,
                               CheckupPackage pkg, Slot slot, Examinee examinee, Instant expiresAt, Instant now) {
        if (!pkg.hospitalId().equals(slot.hospitalId())) {
            throw new IllegalArgumentException("package " + pkg.id() + " is not sold by " + slot.hospitalId());
        }
        return new Booking(id, consumerId, idempotencyKey, fingerprint, slot.hospitalId(), pkg.id(), slot,
                pkg.resources(), pkg.priceCents(), BookingStatus.HELD, null, expiresAt, examinee, null, now, now, 0);
    }

    /**
     * A booking a company pays for (a campaign's entitlement): CONFIRMED at once, no order. {@code resources} are what
     * it takes besides the package's, e.g. the campaign's share of the slot.
     */
    public static Booking forCompany(String id, String consumerId, String idempotencyKey, String fingerprint,
                                     CheckupPackage pkg, Slot slot, List<String> resources, Examinee examinee, Instant now) {
        if (!pkg.hospitalId().equals(slot.hospitalId())) {
            throw new IllegalArgumentException("package " + pkg.id() + " is not sold by " + slot.hospitalId());
        }
        return new Booking(id, consumerId, idempotencyKey, fingerprint, slot.hospitalId(), pkg.id(), slot,
                List.copyOf(resources), pkg.priceCents(), BookingStatus.CONFIRMED, null, null, examinee, null, now, now, 0);
    }

    public static Booking restore(String id, String consumerId, String idempotencyKey, String fingerprint,
                                  String hospitalId, String packageId, Slot slot, List<String> resources,
                                  long amountCents, BookingStatus status, String orderId, Instant holdExpiresAt,
                                  Examinee examinee, String cancelReason, Instant createdAt, Instant updatedAt,
                                  int version) {
        return new Booking(id, consumerId, idempotencyKey, fingerprint, hospitalId, packageId, slot, resources,
                amountCents, status, orderId, holdExpiresAt, examinee, cancelReason, createdAt, updatedAt, version);
    }

    /** On payment (order paid). A payment is authoritative even after the hold's time ran out, as long as it is HELD. */
    public ConfirmOutcome confirm(Instant now) {
        switch (status) {
            case HELD -> {
                status = BookingStatus.CONFIRMED;
                holdExpiresAt = null;
                updatedAt = now;
                return ConfirmOutcome.CONFIRMED;
            }
            case CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW -> {
                return ConfirmOutcome.ALREADY_CONFIRMED;
            }
            default -> {
                return ConfirmOutcome.NOT_BOOKABLE_ANY_MORE;
            }
        }
    }

    /** HELD → EXPIRED; false when it is no longer HELD (paid, cancelled, or already expired). */
    public boolean expire(Instant now) {
        if (status != BookingStatus.HELD) {
            return false;
        }
        status = BookingStatus.EXPIRED;
        holdExpiresAt = null;
        updatedAt = now;
        return true;
    }

    /**
     * CONFIRMED → CHECKED_IN at the desk, on the booked day ({@code today} in the hospital's zone); false when already
     * checked in; CONFLICT when unpaid, on another day, or in any other state.
     */
    public boolean checkIn(LocalDate today, Instant now) {
        if (status == BookingStatus.CHECKED_IN) {
            return false;
        }
        if (status == BookingStatus.HELD) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + id + " is not paid yet");
        }
        if (status != BookingStatus.CONFIRMED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + id + " is " + status + " and cannot be checked in");
        }
        if (!slot.date().equals(today)) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + id + " is for " + slot.date() + ", not today (" + today + ")");
        }
        status = BookingStatus.CHECKED_IN;
        updatedAt = now;
        return true;
    }

    /**
     * CHECKED_IN → COMPLETED when the report is there; false when already completed (a replaced report); CONFLICT from
     * any other state (a report needs an examination).
     */
    public boolean complete(Instant now) {
        if (status == BookingStatus.COMPLETED) {
            return false;
        }
        if (status != BookingStatus.CHECKED_IN) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + id + " is " + status + ", not checked in");
        }
        status = BookingStatus.COMPLETED;
        updatedAt = now;
        return true;
    }

    /** CONFIRMED and its day is over ({@code today} is later) → NO_SHOW; false otherwise. The place is not given back. */
    public boolean markNoShow(LocalDate today, Instant now) {
        if (status != BookingStatus.CONFIRMED || !slot.date().isBefore(today)) {
            return false;
        }
        status = BookingStatus.NO_SHOW;
        updatedAt = now;
        return true;
    }

    /** HELD or CONFIRMED → CANCELLED; false when already cancelled; CONFLICT from any other state. */
    public boolean cancel(String reason, Instant now) {
        if (status == BookingStatus.CANCELLED) {
            return false;
        }
        if (status != BookingStatus.HELD && status != BookingStatus.CONFIRMED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + id + " is " + status + " and cannot be cancelled");
        }
        String r = cancelReason(reason);
        status = BookingStatus.CANCELLED;
        cancelReason = r;
        holdExpiresAt = null;
        updatedAt = now;
        return true;
    }

    /** The reason as stored: a default when none is given; VALIDATION_FAILED when longer than 64 characters. */
    public static String cancelReason(String reason) {
        String r = reason == null || reason.isBlank() ? "CANCELLED_BY_CONSUMER" : reason.strip();
        if (r.length() > 64) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "reason is longer than 64 characters");
        }
        return r;
    }

    /** Moves a HELD or CONFIRMED booking to another slot of the same hospital; returns the slot it leaves. */
    public Slot moveTo(Slot target, Instant now) {
        if (status != BookingStatus.HELD && status != BookingStatus.CONFIRMED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + id + " is " + status + " and cannot be rescheduled");
        }
        if (!target.hospitalId().equals(hospitalId)) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "A booking can only move within its hospital");
        }
        Slot old = slot;
        slot = target;
        updatedAt = now;
        return old;
    }

    public void attachOrder(String newOrderId) {
        if (orderId != null && !orderId.equals(newOrderId)) {
            throw new IllegalStateException("Booking " + id + " already has order " + orderId);
        }
        orderId = newOrderId;
    }

    public boolean holdsCapacity() {
        return HOLDING_CAPACITY.contains(status);
    }

    public String id() { return id; }
    public String consumerId() { return consumerId; }
    public String idempotencyKey() { return idempotencyKey; }
    public String fingerprint() { return fingerprint; }
    public String hospitalId() { return hospitalId; }
    public String packageId() { return packageId; }
    public Slot slot() { return slot; }
    public List<String> resources() { return resources; }
    public long amountCents() { return amountCents; }
    public BookingStatus status() { return status; }
    public String orderId() { return orderId; }
    public Instant holdExpiresAt() { return holdExpiresAt; }
    public Examinee examinee() { return examinee; }
    public String cancelReason() { return cancelReason; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public int version() { return version; }

    @Override
    public String toString() {
        return "Booking[" + id + ", " + status + ", " + slot + ", " + examinee + "]";
    }
}
