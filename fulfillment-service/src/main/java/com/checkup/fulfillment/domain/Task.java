package com.checkup.fulfillment.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Instant;
import java.util.Objects;

/**
 * A manual fulfillment task: OPEN → CLAIMED (by one person) → RESOLVED with an outcome. Only whoever claimed it
 * resolves it; resolving an open task claims it on the way. Plain Java; persistence keeps the version for
 * optimistic updates.
 */
public final class Task {
    private final String id;
    private final String key;
    private final String hospitalId;
    private final String bookingId;
    private final TaskKind kind;
    private final String reason;
    private TaskStatus status;
    private String claimedBy;
    private TaskOutcome outcome;
    private String note;
    private final Instant createdAt;
    private Instant updatedAt;
    private final int version;

    public Task(String id, String key, String hospitalId, String bookingId, TaskKind kind, String reason, TaskStatus status,
                String claimedBy, TaskOutcome outcome, String note, Instant createdAt, Instant updatedAt, int version) {
        this.id = Objects.requireNonNull(id);
        this.key = Objects.requireNonNull(key);
        this.hospitalId = Objects.requireNonNull(hospitalId);
        this.bookingId = bookingId;
        this.kind = Objects.requireNonNull(kind);
        this.reason = reason;
        this.status = Objects.requireNonNull(status);
        this.claimedBy = claimedBy;
        this.outcome = outcome;
        this.note = note;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    public static Task open(String id, String key, String hospitalId, String bookingId, TaskKind kind, String reason,
                            Instant now) {
        return new Task(id, key, hospitalId, bookingId, kind, reason, TaskStatus.OPEN, null, null, null, now, now, 0);
    }

    /** OPEN → CLAIMED by {@code actor}; false if the actor already holds it; CONFLICT if someone else does or it is done. */
    public boolean claim(String actor, Instant now) {
        if (status == TaskStatus.RESOLVED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Task " + id + " is already resolved");
        }
        if (status == TaskStatus.CLAIMED) {
            if (actor.equals(claimedBy)) {
                return false;
            }
            throw new BusinessException(ErrorCode.CONFLICT, "Task " + id + " is claimed by " + claimedBy);
        }
        status = TaskStatus.CLAIMED;
        claimedBy = actor;
        updatedAt = now;
        return true;
    }

    /** → RESOLVED with an outcome; an open task is claimed by {@code actor} first. */
    public void resolve(String actor, TaskOutcome how, String withNote, Instant now) {
        claim(actor, now);
        status = TaskStatus.RESOLVED;
        outcome = Objects.requireNonNull(how);
        note = withNote;
        updatedAt = now;
    }

    public String id() { return id; }
    public String key() { return key; }
    public String hospitalId() { return hospitalId; }
    public String bookingId() { return bookingId; }
    public TaskKind kind() { return kind; }
    public String reason() { return reason; }
    public TaskStatus status() { return status; }
    public String claimedBy() { return claimedBy; }
    public TaskOutcome outcome() { return outcome; }
    public String note() { return note; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public int version() { return version; }

    @Override
    public String toString() {
        return "Task[" + id + ", " + kind + ", " + hospitalId + "/" + bookingId + ", " + status + "]";
    }
}
