package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Row of {@code campaign} (UTC time); package_ids comma-separated. */
@TableName("campaign")
public class CampaignRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String companyId;
    public String name;
    public String hospitalId;
    public String packageIds;
    public LocalDate startDate;
    public LocalDate endDate;
    public Integer quota;
    public Long budgetCents;
    public int booked;
    public long spentCents;
    public int dailyShare;
    public int shareCutoffDays;
    public String status;
    public String createdBy;
    public LocalDateTime createdAt;
}
