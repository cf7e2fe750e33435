package com.checkup.sync.domain;

import com.checkup.platform.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * One thing to tell one hospital about one booking, retried until it is done or its tries are spent (then a person
 * gets a fulfillment task). PENDING → DONE | GAVE_UP.
 */
public final class SyncJob {
    public enum Status { PENDING, DONE, GAVE_UP }

    private final String id;
    private final String bookingId;
    private final String hospitalId;
    private final SyncAction action;
    private Status status;
    private int attempts;
    private Instant nextAttemptAt;
    private String lastError;
    private String taskId;

    public SyncJob(String id, String bookingId, String hospitalId, SyncAction action, Status status, int attempts,
                   Instant nextAttemptAt, String lastError, String taskId) {
        this.id = id;
        this.bookingId = bookingId;
        this.hospitalId = hospitalId;
        this.action = action;
        this.status = status;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.lastError = lastError;
        this.taskId = taskId;
    }

    public void succeeded() {
        attempts++;
        status = Status.DONE;
        lastError = null;
    }

    /**
     * Records a failed try. Returns true when tries are left (rescheduled with backoff), false when they are spent
     * (the caller hands the job to a person and then calls {@link #handedOver}).
     */
    public boolean failed(String error, RetryPolicy policy, Instant now) {
        attempts++;
        lastError = RetryPolicy.clip(error);
        Duration wait = policy.delayAfter(attempts);
        if (wait == null) {
            return false;
        }
        nextAttemptAt = now.plus(wait);
        return true;
    }

    /** Not tried (the hospital is busy with other calls): again after {@code wait}, no try counted. */
    public void postpone(Instant now, Duration wait) {
        nextAttemptAt = now.plus(wait);
    }

    public void handedOver(String fulfillmentTaskId) {
        status = Status.GAVE_UP;
        taskId = fulfillmentTaskId;
    }

    public String id() { return id; }
    public String bookingId() { return bookingId; }
    public String hospitalId() { return hospitalId; }
    public SyncAction action() { return action; }
    public Status status() { return status; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public String taskId() { return taskId; }

    @Override
    public String toString() {
        return "SyncJob[" + action + " " + bookingId + " to " + hospitalId + ", " + status + ", tries " + attempts + "]";
    }
}
