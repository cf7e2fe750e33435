package com.checkup.message.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.message.domain.Message;
import com.checkup.message.domain.MessageCursor;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.platform.context.Callers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** What ops and testers see (messages per recipient, dead letters) and what ops do (replay). */
@Service
public class MessageQueries {
    private static final Logger log = LoggerFactory.getLogger(MessageQueries.class);
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final MessageRepository messages;
    private final Clock clock;

    public MessageQueries(MessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** A page of a listing and where the next one starts (null: this was the last). */
    public record Page(List<Message> messages, MessageCursor next) {
    }

    /** A recipient's messages, newest first (created, then id), one page after {@code cursor}. */
    public Page forRecipient(String recipient, String cursor, Integer limit) {
        Callers.require(Persona.OPS, Persona.TESTER);
        if (blank(recipient)) {
            throw invalid("recipient is required");
        }
        String who = bounded("recipient", recipient, 128);
        MessageCursor after = blank(cursor) ? null : MessageCursor.decode(cursor);
        int size = size(limit);
        return page(messages.byRecipient(who, after, size + 1), size, Message::createdAt);
    }

    /** Dead letters, newest first (when they gave up, then id), optionally of one hospital and event type. */
    public Page deadLetters(String hospitalId, String eventType, String cursor, Integer limit) {
        Callers.require(Persona.OPS, Persona.TESTER);
        String hospital = blank(hospitalId) ? null : bounded("hospitalId", hospitalId, 64);
        String type = blank(eventType) ? null : bounded("eventType", eventType, 64);
        MessageCursor after = blank(cursor) ? null : MessageCursor.decode(cursor);
        int size = size(limit);
        return page(messages.dead(hospital, type, after, size + 1), size, Message::updatedAt);
    }

    /** Rows were read one more than asked: that one only tells whether another page follows, without a count. */
    private static Page page(List<Message> rows, int size, Function<Message, Instant> sortedBy) {
        if (rows.size() <= size) {
            return new Page(rows, null);
        }
        Message last = rows.get(size - 1);
        return new Page(List.copyOf(rows.subList(0, size)), new MessageCursor(sortedBy.apply(last), last.id()));
    }

    private static int size(Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw invalid("limit must be between 1 and " + MAX_PAGE);
        }
        return size;
    }

    private static String bounded(String field, String value, int max) {
        String v = value.trim();
        if (v.length() > max) {
            throw invalid(field + " is longer than " + max + " characters");
        }
        return v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }

    /** Sends a dead letter again: a write, so ops only (testers read). */
    public Message replay(String messageId) {
        var caller = Callers.require(Persona.OPS);
        Message m = messages.find(messageId).orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No message " + messageId));
        if (!messages.replay(m.id(), clock.instant())) {
            throw new BusinessException(ErrorCode.CONFLICT, "Message " + m.id() + " is " + m.status() + ", not a dead letter");
        }
        log.info("{} replayed by {}", m, Callers.actor(caller));
        return messages.find(m.id()).orElseThrow();
    }
}
