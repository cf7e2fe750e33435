package com.checkup.booking.domain;

import java.time.Instant;

/** One upload of a campaign's roster and how far it got (RUNNING, DONE or FAILED); {@code errorsJson}: the first rejected lines. */
public record RosterImport(String id, String campaignId, String status, int totalRows, int processedRows, int created,
                           int updated, int unchanged, int rejected, String errorsJson, String failure, Instant startedAt,
                           Instant finishedAt) {
}
