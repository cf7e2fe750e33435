package com.checkup.message.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDateTime;

/** Row of {@code message} (UTC times). */
@TableName("message")
public class MessageRow {
    @TableId(type = IdType.INPUT)
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
    /** JSON object of the values the template was filled in with */
    public String templateValues;
    public String status;
    public int attempts;
    public LocalDateTime sendAt;
    public LocalDateTime sentAt;
    public String lastError;
    public LocalDateTime createdAt;
    public LocalDateTime updatedAt;
    /** the last try as the provider reported it: ACCEPTED, REJECTED or FAILED, by which provider, its code and reference */
    public String outcome;
    public String provider;
    public String providerCode;
    public String providerRef;
}
