package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Row of table booking (UTC times; ID number and phone encrypted). */
@TableName("booking")
public class BookingRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String consumerId;
    public String idempotencyKey;
    public String requestFingerprint;
    public String hospitalId;
    public String packageId;
    public LocalDate slotDate;
    public String period;
    public String resources;
    public Long amountCents;
    public String status;
    public String orderId;
    public LocalDateTime holdExpiresAt;
    public String examineeName;
    public String examineeGender;
    public LocalDate examineeBirthDate;
    public String idNumberEnc;
    public String phoneEnc;
    public String cancelReason;
    public Integer version;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
