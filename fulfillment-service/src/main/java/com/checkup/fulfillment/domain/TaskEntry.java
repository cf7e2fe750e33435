package com.checkup.fulfillment.domain;

import java.time.Instant;

/** One line of a task's history: who did what to it, and when. */
public record TaskEntry(String taskId, Instant at, String actor, String action, String detail) {
}
