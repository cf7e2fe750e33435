package com.checkup.fulfillment.persistence;

import java.time.LocalDateTime;

/** Row of {@code fulfillment_task_audit}. */
public class TaskAuditRow {
    public String taskId;
    public LocalDateTime at;
    public String actor;
    public String action;
    public String detail;
}
