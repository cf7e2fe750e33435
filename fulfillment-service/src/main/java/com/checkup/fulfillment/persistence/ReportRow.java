package com.checkup.fulfillment.persistence;

import java.time.LocalDateTime;

/** Row of {@code report_file}. */
public class ReportRow {
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
