package com.checkup.contracts.fulfillment;

import java.util.List;

/**
 * Manual fulfillment (fulfillment-service): work a person does by hand when a hospital has no system or a push to it
 * failed. A desk sees and works its own hospital's tasks; ops see all. Every change is written to the task's audit
 * trail with who did it. Errors: {@code NOT_FOUND}, {@code FORBIDDEN} (persona or hospital), {@code CONFLICT}
 * (claimed by someone else, already resolved), {@code VALIDATION_FAILED}.
 */
public interface FulfillmentService {
    /** Opens a task (services only, persona SYSTEM); the same {@code key} again answers the task already open. */
    TaskView openTask(OpenTaskRequest request);

    /** Tasks of the caller's hospital (a desk) or of all hospitals (ops), oldest first; {@code status} null = not resolved. */
    List<TaskView> tasks(String status);

    TaskView task(String taskId);

    /** OPEN → CLAIMED by the caller; claiming one's own claimed task again is a no-op. */
    TaskView claim(String taskId);

    /** Resolves with an outcome (FULFILLED, REBOOKED, CANCELLED, NOT_NEEDED) and a note; an open task is claimed on the way. */
    TaskView resolve(String taskId, String outcome, String note);
}
