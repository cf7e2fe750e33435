package com.checkup.payment.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of table {@code payments} (UTC times). */
@TableName("payments")
public class PaymentRow {
    @TableId(type = IdType.INPUT)
    private String id;
    private String orderId;
    private String channel;
    private Long amountCents;
    private String status;
    private String channelTxnId;
    private String liveOrderId;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public Long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(Long amountCents) {
        this.amountCents = amountCents;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getChannelTxnId() {
        return channelTxnId;
    }

    public void setChannelTxnId(String channelTxnId) {
        this.channelTxnId = channelTxnId;
    }

    public String getLiveOrderId() {
        return liveOrderId;
    }

    public void setLiveOrderId(String liveOrderId) {
        this.liveOrderId = liveOrderId;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(LocalDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public LocalDateTime getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(LocalDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }
}
