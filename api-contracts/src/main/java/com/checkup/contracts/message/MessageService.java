package com.checkup.contracts.message;

import java.util.List;

/**
 * Notifications (message-service), for ops and testers: what was sent to whom, what gave up (dead letters) and
 * replaying those once the cause is fixed. Errors: {@code FORBIDDEN} (other personas), {@code NOT_FOUND},
 * {@code CONFLICT} (replaying a message that is not dead).
 */
public interface MessageService {
    /** Messages for a recipient, newest first (at most 100). */
    List<MessageView> messages(String recipient);

    /** Messages whose retries are spent, oldest first. */
    List<MessageView> deadLetters();

    /** Puts a dead message back in the queue, due now, with a fresh set of retries. */
    MessageView replay(String messageId);
}
