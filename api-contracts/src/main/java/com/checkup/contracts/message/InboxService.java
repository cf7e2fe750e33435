package com.checkup.contracts.message;

import java.util.concurrent.CompletableFuture;

/**
 * A consumer's in-app notices (message-service), for clients on unstable networks: long polling with a cursor.
 * Always the caller's own notices (the user of the signed caller identity; personas CONSUMER and TESTER), never
 * someone named by a parameter.
 *
 * <p>{@code after}: the {@link InboxPage#getCursor() cursor} of the last page the client got; null or blank for a fresh
 * start, which answers the latest 20 notices at once. With a cursor, the notices newer than it (ascending, at most
 * 50) are answered at once when there are any; otherwise the call is held up to {@code waitSeconds} (0–25, null = 0)
 * and answered as soon as a notice for the caller is committed, or at the end with no items and the same cursor.
 * Resuming from the last cursor after any drop misses nothing and repeats nothing.
 *
 * <p>Asynchronous provider: no thread is held while a call waits. Errors: {@code VALIDATION_FAILED} naming
 * {@code after} (a cursor not given out to this caller) or {@code wait} (out of range), {@code UNAUTHENTICATED},
 * {@code FORBIDDEN} (other personas), {@code TOO_MANY_REQUESTS} (the service holds as many waiting calls as it may).
 */
public interface InboxService {
    /** The longest a call may wait, in seconds. */
    int MAX_WAIT_SECONDS = 25;
    /** Notices answered without a cursor (a fresh client's recent history). */
    int LATEST = 20;
    /** Notices answered at most per page. */
    int PAGE = 50;

    CompletableFuture<InboxPage> poll(String after, Integer waitSeconds);
}
