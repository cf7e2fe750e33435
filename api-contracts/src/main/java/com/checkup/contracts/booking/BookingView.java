package com.checkup.contracts.booking;

import java.io.Serializable;

/** A booking as callers see it. ID number and phone are masked; times are ISO-8601 UTC instants. */
public class BookingView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String bookingId;
    /** null only while the order is being created */
    private String orderId;
    private BookingStatus status;
    private String hospitalId;
    private String packageId;
    private String date;
    private String period;
    private long amountCents;
    /** when an unpaid hold ends (HELD only) */
    private String holdExpiresAt;
    private String examineeName;
    private String idNumberMasked;
    private String phoneMasked;
    private String cancelReason;
    private String createdAt;
    private String updatedAt;

    public String getBookingId() {
        return bookingId;
    }

    public void setBookingId(String bookingId) {
        this.bookingId = bookingId;
    }

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public BookingStatus getStatus() {
        return status;
    }

    public void setStatus(BookingStatus status) {
        this.status = status;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getPackageId() {
        return packageId;
    }

    public void setPackageId(String packageId) {
        this.packageId = packageId;
    }

    public String getDate() {
        return date;
    }

    public void setDate(String date) {
        this.date = date;
    }

    public String getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = period;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }

    public String getHoldExpiresAt() {
        return holdExpiresAt;
    }

    public void setHoldExpiresAt(String holdExpiresAt) {
        this.holdExpiresAt = holdExpiresAt;
    }

    public String getExamineeName() {
        return examineeName;
    }

    public void setExamineeName(String examineeName) {
        this.examineeName = examineeName;
    }

    public String getIdNumberMasked() {
        return idNumberMasked;
    }

    public void setIdNumberMasked(String idNumberMasked) {
        this.idNumberMasked = idNumberMasked;
    }

    public String getPhoneMasked() {
        return phoneMasked;
    }

    public void setPhoneMasked(String phoneMasked) {
        this.phoneMasked = phoneMasked;
    }

    public String getCancelReason() {
        return cancelReason;
    }

    public void setCancelReason(String cancelReason) {
        this.cancelReason = cancelReason;
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

    /** Short code to show at the desk instead of the booking id (8 characters, no look-alikes). */
    private String checkInCode;
    /** The account that booked (the examinee's); services use it to scope reports and notifications. */
    private String consumerId;

    public String getCheckInCode() {
        return checkInCode;
    }

    public void setCheckInCode(String checkInCode) {
        this.checkInCode = checkInCode;
    }

    public String getConsumerId() {
        return consumerId;
    }

    public void setConsumerId(String consumerId) {
        this.consumerId = consumerId;
    }
}
