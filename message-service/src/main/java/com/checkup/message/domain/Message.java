package com.checkup.message.domain;

import com.checkup.platform.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One notification to one recipient on one channel: PENDING until a provider took it (SENT), or until its tries are
 * spent (DEAD, a dead letter ops can replay), or CANCELLED (a reminder of a booking that went away).
 */
public final class Message {
    public enum Status { PENDING, SENT, DEAD, CANCELLED }

    public enum Kind { NOTICE, REMINDER }

    private final String id;
    private final String eventId;
    private final String eventType;
    private final Kind kind;
    private final String bookingId;
    private final String hospitalId;
    private final String recipient;
    private final Channel channel;
    private final String body;
    /** The body as listings show it (secrets masked); {@link #body} itself goes to the provider only. */
    private final String shownBody;
    private Status status;
    private int attempts;
    private Instant sendAt;
    private Instant sentAt;
    private String lastError;
    private final Instant createdAt;
    /** When its row last changed, as read (a dead letter: when it gave up); listings are ordered and paged by it. */
    private final Instant updatedAt;
    /**
     * The values the template was filled in with (the event's): what a provider that sends by template code and
     * parameters (Aliyun SMS) sends instead of the text. Empty for messages from before they were kept.
     */
    private final Map<String, String> values;
    /** The last try's outcome as the provider reported it; null before the first try. */
    private Delivery delivery;

    /** A new message: its row is written with {@code updatedAt = createdAt}. */
    public Message(String id, String eventId, String eventType, Kind kind, String bookingId, String hospitalId, String recipient,
                   Channel channel, String body, String shownBody, Status status, int attempts, Instant sendAt, Instant sentAt, String lastError,
                   Instant createdAt) {
        this(id, eventId, eventType, kind, bookingId, hospitalId, recipient, channel, body, shownBody, status, attempts, sendAt, sentAt,
                lastError, createdAt, createdAt);
    }

    public Message(String id, String eventId, String eventType, Kind kind, String bookingId, String hospitalId, String recipient,
                   Channel channel, String body, String shownBody, Status status, int attempts, Instant sendAt, Instant sentAt, String lastError,
                   Instant createdAt, Instant updatedAt) {
        this(id, eventId, eventType, kind, bookingId, hospitalId, recipient, channel, body, shownBody, status, attempts, sendAt, sentAt,
                lastError, createdAt, updatedAt, Map.of(), null);
    }

    public Message(String id, String eventId, String eventType, Kind kind, String bookingId, String hospitalId, String recipient,
                   Channel channel, String body, String shownBody, Status status, int attempts, Instant sendAt, Instant sentAt, String lastError,
                   Instant createdAt, Instant updatedAt, Map<String, String> values, Delivery delivery) {
        this.id = id;
        this.eventId = eventId;
        this.eventType = eventType;
        this.kind = kind;
        this.bookingId = bookingId;
        this.hospitalId = hospitalId;
        this.recipient = recipient;
        this.channel = channel;
        this.body = body;
        this.shownBody = shownBody;
        this.status = status;
        this.attempts = attempts;
        this.sendAt = sendAt;
        this.sentAt = sentAt;
        this.lastError = lastError;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.values = values == null ? Map.of() : values.entrySet().stream().filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        this.delivery = delivery;
    }

    public void sent(Instant now) {
        sent(now, null);
    }

    /** The provider took it; {@code delivery} is what it reported (null: it reported nothing). */
    public void sent(Instant now, Delivery delivery) {
        attempts++;
        status = Status.SENT;
        sentAt = now;
        lastError = null;
        this.delivery = delivery;
    }

    /** A failed try: true if rescheduled with backoff, false if it is now a dead letter. */
    public boolean failed(String error, RetryPolicy policy, Instant now) {
        return failed(error, policy, now, null);
    }

    /** A failed try with what the provider reported (null when it did not answer): rescheduled or a dead letter. */
    public boolean failed(String error, RetryPolicy policy, Instant now, Delivery delivery) {
        attempts++;
        this.delivery = delivery;
        lastError = RetryPolicy.clip(error);
        Duration wait = policy.delayAfter(attempts);
        if (wait == null) {
            status = Status.DEAD;
            return false;
        }
        sendAt = now.plus(wait);
        return true;
    }

    /** The provider refused it for good: a dead letter now, whatever tries are left (ops may replay it once fixed). */
    public void rejected(String error, Delivery delivery) {
        attempts++;
        this.delivery = delivery;
        lastError = RetryPolicy.clip(error);
        status = Status.DEAD;
    }

    /** Not sent now (quiet hours): due again at {@code until}, no try counted. */
    public void holdUntil(Instant until) {
        sendAt = until;
    }

    /** A dead letter back in the queue, due now, with fresh tries. */
    public boolean replay(Instant now) {
        if (status != Status.DEAD) {
            return false;
        }
        status = Status.PENDING;
        attempts = 0;
        sendAt = now;
        return true;
    }

    public String id() { return id; }
    public String eventId() { return eventId; }
    public String eventType() { return eventType; }
    public Kind kind() { return kind; }
    public String bookingId() { return bookingId; }
    public String hospitalId() { return hospitalId; }
    public String recipient() { return recipient; }
    public Channel channel() { return channel; }
    public String body() { return body; }
    public String shownBody() { return shownBody; }
    public Status status() { return status; }
    public int attempts() { return attempts; }
    public Instant sendAt() { return sendAt; }
    public Instant sentAt() { return sentAt; }
    public String lastError() { return lastError; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Map<String, String> values() { return values; }
    public Delivery delivery() { return delivery; }

    @Override
    public String toString() {
        return "Message[" + id + ", " + eventType + " to " + recipient + " by " + channel + ", " + status + "]";
    }
}
