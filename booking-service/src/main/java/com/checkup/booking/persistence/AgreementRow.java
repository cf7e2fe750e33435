package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code campaign_agreement} (UTC time); its key is (hospital_id, company_id). */
@TableName("campaign_agreement")
public class AgreementRow {
    public String hospitalId;
    public String companyId;
    public int maxDailyShare;
    public int maxSlotSharePercent;
    public String status;
    public String updatedBy;
    public LocalDateTime updatedAt;
}
