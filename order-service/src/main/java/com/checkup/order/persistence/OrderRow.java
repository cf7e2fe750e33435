package com.checkup.order.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of table {@code orders} (UTC times). */
@TableName("orders")
public class OrderRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String bookingId;
    public String consumerId;
    public String hospitalId;
    public String packageId;
    public Long amountCents;
    public String status;
    public String paymentId;
    public String closeReason;
    public Long version;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
