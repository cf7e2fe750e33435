package com.checkup.contracts.fulfillment;

import java.util.List;

/**
 * Report files (fulfillment-service). A desk uploads a PDF for a checked-in booking of its hospital; the examinee
 * and that hospital's desk may download it; nobody else (HR never). Every upload and every access, allowed or not,
 * is written to an audit log. Errors: {@code FORBIDDEN}, {@code NOT_FOUND}, {@code CONFLICT} (booking not checked
 * in), {@code VALIDATION_FAILED} (not a PDF, empty), {@code PAYLOAD_TOO_LARGE}.
 */
public interface ReportService {
    /** Stores (or replaces) the booking's report, then announces {@code report.ready}. */
    ReportView upload(String bookingId, String fileName, byte[] content);

    /** The report with its content, for the examinee or the desk of the booking's hospital. */
    ReportFile download(String bookingId);

    /**
     * Who uploaded or tried to read the booking's report, newest first, at most 200: for the desk of the booking's
     * hospital only (another hospital's booking is NOT_FOUND, as to upload; other personas FORBIDDEN).
     */
    List<ReportAccessView> accesses(String bookingId);
}
