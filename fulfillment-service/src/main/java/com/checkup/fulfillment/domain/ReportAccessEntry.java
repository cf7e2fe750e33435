package com.checkup.fulfillment.domain;

import java.time.Instant;

/** One upload of, or attempt to read, a booking's report, as a desk is shown it (no trace id, tenant or report id). */
public record ReportAccessEntry(Instant at, String actor, String action, boolean allowed, String reason) {
}
