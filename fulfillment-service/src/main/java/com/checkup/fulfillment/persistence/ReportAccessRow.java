package com.checkup.fulfillment.persistence;

import java.time.LocalDateTime;

/** Row of {@code report_access_audit}, as far as a desk is shown it (UTC time; no trace id, tenant or report id). */
public class ReportAccessRow {
    public LocalDateTime at;
    public String actor;
    public String action;
    public boolean allowed;
    public String reason;
}
