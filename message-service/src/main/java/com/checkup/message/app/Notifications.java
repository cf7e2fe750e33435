package com.checkup.message.app;

import com.checkup.message.domain.Channel;
import com.checkup.message.domain.Message;
import com.checkup.message.domain.Template;
import com.checkup.message.persistence.MessageRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import com.checkup.platform.cache.RecentReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an event into messages: one per channel the hospital's template for the event has (its own, else the
 * default), addressed to the booking's account, once per event, recipient and channel. A confirmed booking also gets
 * a reminder for the day before the exam; a cancelled or moved booking's pending reminder is called off.
 */
public class Notifications {
    public static final String REMINDER = "booking.reminder";
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final MessageRepository messages;
    private final Clock clock;
    private final ZoneId zone;
    private final LocalTime reminderAt;
    /**
     * A hospital's templates for an event type, as read within the last minute: every notice reads them, and they
     * change only by migration (a row edited in the database by hand shows within a minute).
     */
    private final RecentReads<String, Map<Channel, String>> templates;
    static final Duration TEMPLATES_TTL = Duration.ofMinutes(1);

    public Notifications(MessageRepository messages, Clock clock, ZoneId zone, LocalTime reminderAt) {
        this.messages = messages;
        this.clock = clock;
        this.zone = zone;
        this.reminderAt = reminderAt;
        this.templates = new RecentReads<>(TEMPLATES_TTL, 50_000, clock);
    }

    /** Notices for an event, due now (the dispatcher applies quiet hours). Returns how many were new. */
    public int notify(String eventId, String eventType, String hospitalId, String bookingId, String recipient,
                      Map<String, String> values) {
        return add(eventId, eventType, Message.Kind.NOTICE, hospitalId, bookingId, recipient, values, clock.instant());
    }

    /**
     * The day-before reminder of a booking for {@code examDate} ({@link #reminderAt} in the platform's zone); none when
     * that moment has passed. Keyed by booking and date, so a moved booking gets a new one.
     */
    public int remind(String bookingId, String hospitalId, String recipient, LocalDate examDate, Map<String, String> values) {
        Instant at = examDate.minusDays(1).atTime(reminderAt).atZone(zone).toInstant();
        if (at.isBefore(clock.instant())) {
            return 0;
        }
        return add("reminder:" + bookingId + ":" + examDate, REMINDER, Message.Kind.REMINDER, hospitalId, bookingId,
                recipient, values, at);
    }

    public int callOffReminders(String bookingId) {
        return messages.cancelReminders(bookingId, clock.instant());
    }

    private int add(String eventId, String eventType, Message.Kind kind, String hospitalId, String bookingId,
                    String recipient, Map<String, String> values, Instant sendAt) {
        if (recipient == null || recipient.isBlank()) {
            log.warn("{} {} has no recipient; nothing sent", eventType, eventId);
            return 0;
        }
        int added = 0;
        Instant now = clock.instant();
        Map<Channel, String> forEvent = templates.get(hospitalId + "\n" + eventType, () -> {
            Map<Channel, String> read = messages.templates(hospitalId, eventType);
            return read.isEmpty() ? Optional.empty() : Optional.of(java.util.Collections.unmodifiableMap(read));
        }).orElse(Map.of());
        for (Map.Entry<Channel, String> t : forEvent.entrySet()) {
            Message m = new Message("M-" + UUID.randomUUID(), eventId, eventType, kind, bookingId, hospitalId, recipient,
                    t.getKey(), Template.render(t.getValue(), values), Template.renderShown(t.getValue(), values), Message.Status.PENDING, 0, sendAt, null, null, now, now, values, null);
            if (messages.add(m)) {
                added++;
            }
        }
        return added;
    }
}
