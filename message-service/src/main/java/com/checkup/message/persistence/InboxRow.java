package com.checkup.message.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code inbox_notice} (UTC times). */
@TableName("inbox_notice")
public class InboxRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String userId;
    public Long seq;
    public String sourceKey;
    public String kind;
    public String bookingId;
    public String hospitalId;
    public String params;
    public String state;
    public LocalDateTime dueAt;
    public LocalDateTime recordedAt;
    public LocalDateTime createdAt;
}
