package com.checkup.contracts.fulfillment;

import java.io.Serializable;

/** What a service asks a person to do by hand. */
public class OpenTaskRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    /** idempotency key: the same key opens one task, however often it is sent */
    private String key;
    private String hospitalId;
    private String bookingId;
    /** SYNC_FAILED, MANUAL_HOSPITAL, ON_SITE_CHANGE or REPORT_AT_HOSPITAL */
    private String kind;
    /** what went wrong or what to do, for the operator */
    private String reason;

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getBookingId() {
        return bookingId;
    }

    public void setBookingId(String bookingId) {
        this.bookingId = bookingId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
