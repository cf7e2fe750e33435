package com.checkup.platform.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Every service stores times as {@code DATETIME(3)} in UTC wall time (the connection's session zone is UTC too), so
 * an {@link Instant} crosses into a column and back through these two, and nowhere else does a zone conversion.
 */
public final class UtcColumns {
    private UtcColumns() {
    }

    /** The column value for an instant; null stays null. */
    public static LocalDateTime utc(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** The instant a column value stands for; null stays null. */
    public static Instant instant(LocalDateTime column) {
        return column == null ? null : column.toInstant(ZoneOffset.UTC);
    }
}
