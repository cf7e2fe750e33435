package com.checkup.message.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A notice in a consumer's inbox as read: {@code seq} numbers the user's notices in commit order (1, 2, 3, ...), which
 * is what cursors point at. Only shown notices are read; a scheduled reminder has no number until it is shown.
 */
public record InboxEntry(String id, String userId, long seq, String kind, String bookingId, String hospitalId,
                         Map<String, String> params, Instant createdAt) {
}
