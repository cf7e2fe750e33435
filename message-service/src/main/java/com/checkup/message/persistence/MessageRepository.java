package com.checkup.message.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.message.domain.Channel;
import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import com.checkup.platform.events.Json;
import com.checkup.platform.paging.KeysetCursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.checkup.platform.work.Lease;
import com.checkup.platform.work.LeaseTable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Messages; due ones are leased work for the dispatcher ({@link LeaseTable}: send_at is when a message is due). */
@Repository
public class MessageRepository extends LeaseTable<String, MessageRow, Message> {
    private final MessageMapper mapper;

    public MessageRepository(MessageMapper mapper) {
        this.mapper = mapper;
    }

    /** False when this event already has a message for this recipient and channel. */
    public boolean add(Message m) {
        MessageRow r = new MessageRow();
        r.id = m.id();
        r.eventId = m.eventId();
        r.eventType = m.eventType();
        r.kind = m.kind().name();
        r.bookingId = m.bookingId();
        r.hospitalId = m.hospitalId();
        r.recipient = m.recipient();
        r.channel = m.channel().name();
        r.body = m.body();
        r.shownBody = m.shownBody();
        r.templateValues = m.values().isEmpty() ? null : json(m.values());
        r.sendAt = utc(m.sendAt());
        r.createdAt = utc(m.createdAt());
        if (mapper.insertOnce(r) != 1) {
            return false;
        }
        workAdded();
        return true;
    }

    @Override
    protected List<String> dueIds(LocalDateTime now, int limit) {
        return mapper.due(now, limit);
    }

    @Override
    protected int claimIds(List<String> ids, String token, LocalDateTime now, LocalDateTime leaseEnd) {
        return mapper.claim(ids, token, now, leaseEnd);
    }

    @Override
    protected List<MessageRow> claimedRows(List<String> ids, String token) {
        return mapper.claimed(ids, token);
    }

    @Override
    protected String keyOf(MessageRow row) {
        return row.id;
    }

    @Override
    protected Message item(MessageRow row) {
        return message(row);
    }

    /** Writes a try's outcome, only while the claim is still ours. */
    public boolean finish(Lease<Message> c, Instant now) {
        Message m = c.item();
        Delivery d = m.delivery();
        return mapper.finish(m.id(), c.token(), m.status().name(), m.attempts(), utc(m.sendAt()),
                m.sentAt() == null ? null : utc(m.sentAt()), m.lastError(), d == null ? null : d.outcome().name(),
                d == null ? null : clip(d.provider(), 16), d == null ? null : clip(d.code(), 64), d == null ? null : clip(d.reference(), 128),
                utc(now)) == 1;
    }

    public Optional<Message> find(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(MessageRepository::message);
    }

    public boolean replay(String id, Instant now) {
        if (mapper.replay(id, utc(now)) != 1) {
            return false;
        }
        workAdded();
        return true;
    }

    /** A recipient's messages newest first (creation time, then id), strictly after {@code after} when given. */
    public List<Message> byRecipient(String recipient, KeysetCursor after, int limit) {
        return mapper.byRecipient(recipient, after == null ? null : utc(after.at()), after == null ? null : after.id(), limit)
                .stream().map(MessageRepository::message).toList();
    }

    /** Dead letters newest first (when they gave up, then id), strictly after {@code after}; null filters match all. */
    public List<Message> dead(String hospitalOrNull, String eventTypeOrNull, KeysetCursor after, int limit) {
        return mapper.dead(hospitalOrNull, eventTypeOrNull, after == null ? null : utc(after.at()),
                        after == null ? null : after.id(), limit)
                .stream().map(MessageRepository::message).toList();
    }

    /** How many messages are dead letters now. */
    public long deadCount() {
        return mapper.deadCount();
    }

    public int cancelReminders(String bookingId, Instant now) {
        return mapper.cancelReminders(bookingId, utc(now));
    }

    /** Channel → text for a hospital's event (its own templates, else the defaults). */
    public Map<Channel, String> templates(String hospitalId, String eventType) {
        Map<Channel, String> out = new LinkedHashMap<>();
        for (Map<String, Object> row : mapper.templates(hospitalId, eventType)) {
            out.put(Channel.valueOf((String) row.get("channel")), (String) row.get("body"));
        }
        return out;
    }

    public void simulatedDelivery(Message m) {
        mapper.simulatedDelivery(m.id(), m.channel().name(), m.recipient(), m.body());
    }

    private static Message message(MessageRow r) {
        return new Message(r.id, r.eventId, r.eventType, Message.Kind.valueOf(r.kind), r.bookingId, r.hospitalId, r.recipient,
                Channel.valueOf(r.channel), r.body, r.shownBody, Message.Status.valueOf(r.status), r.attempts,
                r.sendAt.toInstant(ZoneOffset.UTC), r.sentAt == null ? null : r.sentAt.toInstant(ZoneOffset.UTC), r.lastError,
                r.createdAt.toInstant(ZoneOffset.UTC), r.updatedAt.toInstant(ZoneOffset.UTC), values(r.templateValues),
                r.outcome == null ? null : new Delivery(Delivery.Outcome.valueOf(r.outcome), r.provider, r.providerCode, r.providerRef));
    }

    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };

    private static String json(Map<String, String> values) {
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Template values cannot be written as JSON", e);
        }
    }

    private static Map<String, String> values(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, VALUES);
        } catch (JsonProcessingException e) {
            // Not the values themselves: they can hold codes that must not reach a log.
            throw new IllegalStateException("Unreadable template values (" + json.length() + " chars)", e);
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

}
