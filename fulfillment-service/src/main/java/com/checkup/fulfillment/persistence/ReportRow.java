package com.checkup.fulfillment.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code report_file}. */
@TableName("report_file")
public class ReportRow {
    @TableId(type = IdType.INPUT)
    public String bookingId;
    public String id;
    public String hospitalId;
    public String consumerId;
    public String fileName;
    public String contentType;
    public long sizeBytes;
    public String sha256;
    public String storageKey;
    public String uploadedBy;
    public LocalDateTime uploadedAt;
}
