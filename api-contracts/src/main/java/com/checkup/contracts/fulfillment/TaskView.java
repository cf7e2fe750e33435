package com.checkup.contracts.fulfillment;

import java.io.Serializable;
import java.util.List;

/** A manual fulfillment task with its audit trail. Times are ISO-8601 UTC instants. */
public class TaskView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String taskId;
    private String hospitalId;
    private String bookingId;
    /** SYNC_FAILED, MANUAL_HOSPITAL, ON_SITE_CHANGE or REPORT_AT_HOSPITAL */
    private String kind;
    private String reason;
    /** OPEN, CLAIMED or RESOLVED */
    private String status;
    /** user id of whoever claimed it */
    private String claimedBy;
    /** set when RESOLVED: FULFILLED, REBOOKED, CANCELLED or NOT_NEEDED */
    private String outcome;
    private String note;
    private String createdAt;
    private String updatedAt;
    /** who did what, oldest first */
    private List<TaskEntry> history;

    public String getTaskId() {
        return taskId;
    }

    public void setTaskId(String taskId) {
        this.taskId = taskId;
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

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public void setClaimedBy(String claimedBy) {
        this.claimedBy = claimedBy;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public List<TaskEntry> getHistory() {
        return history;
    }

    public void setHistory(List<TaskEntry> history) {
        this.history = history;
    }
}
