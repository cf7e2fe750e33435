package com.checkup.sync.persistence;

import java.time.LocalDateTime;

/** Row of {@code sync_job} (UTC times). */
public class SyncJobRow {
    public String id;
    public String jobKey;
    public String bookingId;
    public String hospitalId;
    public String action;
    public String status;
    public int attempts;
    public LocalDateTime nextAttemptAt;
    public String lastError;
    public String taskId;
    public LocalDateTime createdAt;
}
