package com.checkup.message.persistence;

import java.time.LocalDateTime;

/** Row of {@code inbox_notice} (UTC times). */
public class InboxRow {
    public String id;
    public String userId;
    public Long seq;
    public String sourceKey;
    public String kind;
    public String bookingId;
    public String hospitalId;
    public String params;
    public String state;
    public LocalDateTime dueAt;
    public LocalDateTime recordedAt;
    public LocalDateTime createdAt;
}
