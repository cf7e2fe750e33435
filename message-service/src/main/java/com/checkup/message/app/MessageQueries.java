package com.checkup.message.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.message.domain.Message;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.platform.context.Callers;
import com.checkup.platform.paging.Keyset;
import com.checkup.platform.paging.KeysetCursor;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** What ops and testers see (messages per recipient, dead letters) and what ops do (replay). */
@Service
public class MessageQueries {
    private static final Logger log = LoggerFactory.getLogger(MessageQueries.class);

    private final MessageRepository messages;
    private final Clock clock;

    public MessageQueries(MessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** A recipient's messages, newest first (created, then id), one page after {@code cursor}. */
    public Keyset.Page<Message> forRecipient(String recipient, String cursor, Integer limit) {
        Callers.require(Persona.OPS, Persona.TESTER);
        if (blank(recipient)) {
            throw invalid("recipient is required");
        }
        String who = bounded("recipient", recipient, 128);
        Keyset page = Keyset.of(limit);
        return page.page(messages.byRecipient(who, KeysetCursor.decodeOrFirst(cursor), page.readSize()), Message::createdAt, Message::id);
    }

    /** Dead letters, newest first (when they gave up, then id), optionally of one hospital and event type. */
    public Keyset.Page<Message> deadLetters(String hospitalId, String eventType, String cursor, Integer limit) {
        Callers.require(Persona.OPS, Persona.TESTER);
        String hospital = blank(hospitalId) ? null : bounded("hospitalId", hospitalId, 64);
        String type = blank(eventType) ? null : bounded("eventType", eventType, 64);
        Keyset page = Keyset.of(limit);
        return page.page(messages.dead(hospital, type, KeysetCursor.decodeOrFirst(cursor), page.readSize()), Message::updatedAt, Message::id);
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
