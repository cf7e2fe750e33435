package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Row of {@code entitlement} (UTC times; ID number and phone encrypted). */
@TableName("entitlement")
public class EntitlementRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String campaignId;
    public String employeeNo;
    public String code;
    public String name;
    public String gender;
    public LocalDate birthDate;
    public String idNumberEnc;
    public String phoneEnc;
    public String packageId;
    public String rowHash;
    public String consumerId;
    public String bookingId;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
