package com.checkup.sync.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** A tracked_booking row. */
@TableName("tracked_booking")
public class TrackedBookingRow {
    @TableId(type = IdType.INPUT)
    public String bookingId;
    public String hospitalId;
    public LocalDate examDate;
    public String hospitalState;
    public LocalDateTime nextPullAt;
    public String lastError;
    public String claimToken;
    public LocalDateTime updatedAt;
}
