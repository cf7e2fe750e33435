package com.checkup.fulfillment.domain;

/** How a task ended. */
public enum TaskOutcome {
    /** Done by hand: the hospital has the booking (or the cancellation). */
    FULFILLED,
    /** Moved to another day or hospital with the examinee. */
    REBOOKED,
    /** Cancelled with the examinee. */
    CANCELLED,
    /** Nothing to do any more (e.g. the push went through after all). */
    NOT_NEEDED
}
