package com.checkup.contracts.fulfillment;

/**
 * Manual fulfillment (fulfillment-service): work a person does by hand when a hospital has no system or a push to it
 * failed. A desk sees and works its own hospital's tasks; ops see all. Every change is written to the task's audit
 * trail with who did it. Errors: {@code NOT_FOUND}, {@code FORBIDDEN} (persona or hospital), {@code CONFLICT}
 * (claimed by someone else, already resolved), {@code VALIDATION_FAILED}.
 */
public interface FulfillmentService {
    /** Opens a task (services only, persona SYSTEM); the same {@code key} again answers the task already open. */
    TaskView openTask(OpenTaskRequest request);

    /**
     * A page of tasks of the caller's hospital (a desk) or of all hospitals (ops), newest first (created, then task id).
     * Every filter is optional (null or blank: none): {@code status} OPEN, CLAIMED or RESOLVED (none = OPEN and
     * CLAIMED), {@code kind} a task kind, {@code hospitalId} (a desk naming another hospital than its own: FORBIDDEN),
     * {@code bookingId} exact. {@code cursor} is a page's {@link TaskPage#getNextCursor()}, for the page after it
     * (one not given out here: VALIDATION_FAILED); {@code limit} 1–200, 50 when null.
     */
    TaskPage tasks(String status, String kind, String hospitalId, String bookingId, String cursor, Integer limit);

    TaskView task(String taskId);

    /** OPEN → CLAIMED by the caller; claiming one's own claimed task again is a no-op. */
    TaskView claim(String taskId);

    /** Resolves with an outcome (FULFILLED, REBOOKED, CANCELLED, NOT_NEEDED) and a note; an open task is claimed on the way. */
    TaskView resolve(String taskId, String outcome, String note);
}
