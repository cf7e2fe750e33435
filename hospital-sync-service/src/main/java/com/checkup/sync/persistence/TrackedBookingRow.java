package com.checkup.sync.persistence;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** A tracked_booking row. */
public class TrackedBookingRow {
    public String bookingId;
    public String hospitalId;
    public LocalDate examDate;
    public String hospitalState;
    public LocalDateTime nextPullAt;
    public String lastError;
    public String claimToken;
    public LocalDateTime updatedAt;
}
