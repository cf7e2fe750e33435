package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code roster_import} (UTC times; errors as JSON). */
@TableName("roster_import")
public class RosterImportRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String campaignId;
    public String status;
    public int totalRows;
    public int processedRows;
    public int created;
    public int updated;
    public int unchanged;
    public int rejected;
    public String errors;
    public String failure;
    public String startedBy;
    public LocalDateTime startedAt;
    public LocalDateTime finishedAt;
}
