package com.checkup.sync.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code sync_job} (UTC times). */
@TableName("sync_job")
public class SyncJobRow {
    @TableId(type = IdType.INPUT)
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
