package com.checkup.contracts.message;

/**
 * Notifications (message-service), for ops and testers: what was sent to whom, what gave up (dead letters) and
 * replaying those once the cause is fixed. Listings are paged: {@code cursor} is a page's
 * {@link MessagePage#getNextCursor()}, for the page after it (one not given out here: VALIDATION_FAILED naming
 * {@code cursor}); {@code limit} 1–200, 50 when null. Errors: {@code FORBIDDEN} (other personas), {@code NOT_FOUND},
 * {@code CONFLICT} (replaying a message that is not dead), {@code VALIDATION_FAILED}.
 */
public interface MessageService {
    /** A page of a recipient's messages (recipient required), newest first (created, then message id). */
    MessagePage messages(String recipient, String cursor, Integer limit);

    /**
     * A page of the messages whose retries are spent, newest first (when they gave up, then message id). Filters are
     * optional (null or blank: none) and exact: {@code hospitalId}, {@code eventType}.
     */
    MessagePage deadLetters(String hospitalId, String eventType, String cursor, Integer limit);

    /** Puts a dead message back in the queue, due now, with a fresh set of retries. */
    MessageView replay(String messageId);
}
