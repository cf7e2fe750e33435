package com.checkup.fulfillment.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code fulfillment_task} (UTC times); MyBatis fills the fields by column name. */
@TableName("fulfillment_task")
public class TaskRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String taskKey;
    public String hospitalId;
    public String bookingId;
    public String kind;
    public String reason;
    public String status;
    public String claimedBy;
    public String outcome;
    public String note;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
    public int version;
}
