package com.checkup.message.persistence;

import java.time.LocalDateTime;

/** Row of {@code message} (UTC times). */
public class MessageRow {
    public String id;
    public String eventId;
    public String eventType;
    public String kind;
    public String bookingId;
    public String hospitalId;
    public String recipient;
    public String channel;
    public String body;
    public String shownBody;
    public String status;
    public int attempts;
    public LocalDateTime sendAt;
    public LocalDateTime sentAt;
    public String lastError;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
}
