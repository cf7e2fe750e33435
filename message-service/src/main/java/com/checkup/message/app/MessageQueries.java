package com.checkup.message.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.message.domain.Message;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.platform.context.Callers;
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

    public List<Message> forRecipient(String recipient) {
        Callers.require(Persona.OPS, Persona.TESTER);
        if (recipient == null || recipient.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "recipient is required");
        }
        return messages.byRecipient(recipient.trim());
    }

    public List<Message> deadLetters() {
        Callers.require(Persona.OPS, Persona.TESTER);
        return messages.dead();
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
