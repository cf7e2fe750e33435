package com.checkup.payment.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of table {@code payments} (UTC times). */
@TableName("payments")
public class PaymentRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String orderId;
    public String channel;
    public Long amountCents;
    public String status;
    public String channelTxnId;
    public String liveOrderId;
    public String payUrl;
    /** Trace id of the call that created the payment; NULL for rows from before it was kept. */
    public String traceId;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
