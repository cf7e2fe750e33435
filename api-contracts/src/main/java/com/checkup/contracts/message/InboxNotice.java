package com.checkup.contracts.message;

import java.io.Serializable;
import java.util.Map;

/**
 * One in-app notice of a consumer. Clients word it themselves (zh/en) from {@link #getKind() kind} and
 * {@link #getParams() params}; a param may be missing (e.g. a name the catalogue could not give when the notice was
 * written): word it without, or with the ids.
 */
public class InboxNotice implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The booking is paid and confirmed. Params: hospitalName, packageId, packageName, examDate, period. */
    public static final String BOOKING_CONFIRMED = "BOOKING_CONFIRMED";
    /** The exam is tomorrow (shown the day before). Params: as BOOKING_CONFIRMED. */
    public static final String EXAM_REMINDER = "EXAM_REMINDER";
    /** The report can be downloaded. Params: hospitalName, and packageId, packageName, examDate, period when known. */
    public static final String REPORT_READY = "REPORT_READY";
    /** The payment came back. Params: amount (yuan, a decimal string such as "1299.00"), hospitalName, and the booking's as above when known. */
    public static final String REFUNDED = "REFUNDED";

    /** stable id of the notice */
    private String id;
    /** BOOKING_CONFIRMED, EXAM_REMINDER, REPORT_READY or REFUNDED */
    private String kind;
    private String bookingId;
    private String hospitalId;
    /** when the notice appeared in the inbox: ISO-8601 instant (UTC) */
    private String createdAt;
    /** what a client needs to word it: hospitalName, packageId, packageName, examDate (ISO date), period (MORNING/AFTERNOON), amount */
    private Map<String, String> params;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getBookingId() {
        return bookingId;
    }

    public void setBookingId(String bookingId) {
        this.bookingId = bookingId;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public Map<String, String> getParams() {
        return params;
    }

    public void setParams(Map<String, String> params) {
        this.params = params;
    }
}
