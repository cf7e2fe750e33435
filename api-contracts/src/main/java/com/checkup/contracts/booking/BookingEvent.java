package com.checkup.contracts.booking;

import java.io.Serializable;

/** Payload of every booking event on Topics.BOOKING; the type (message tag) is one of the constants. */
public class BookingEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String CONFIRMED = "booking.confirmed";
    public static final String CANCELLED = "booking.cancelled";
    public static final String EXPIRED = "booking.expired";
    public static final String RESCHEDULED = "booking.rescheduled";
    public static final String CHECKED_IN = "booking.checked-in";
    public static final String NO_SHOW = "booking.no-show";
    /** The report is there: the check-up is done. */
    public static final String COMPLETED = "booking.completed";

    private String bookingId;
    private String orderId;
    private String consumerId;
    private String hospitalId;
    private String packageId;
    private String date;
    private String period;
    private BookingStatus status;
    /** reschedule only */
    private String previousDate;
    /** reschedule only */
    private String previousPeriod;
    /** cancel of a paid booking: the payment must be given back */
    private boolean refundRequired;
    private String reason;

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

    public String getConsumerId() {
        return consumerId;
    }

    public void setConsumerId(String consumerId) {
        this.consumerId = consumerId;
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

    public BookingStatus getStatus() {
        return status;
    }

    public void setStatus(BookingStatus status) {
        this.status = status;
    }

    public String getPreviousDate() {
        return previousDate;
    }

    public void setPreviousDate(String previousDate) {
        this.previousDate = previousDate;
    }

    public String getPreviousPeriod() {
        return previousPeriod;
    }

    public void setPreviousPeriod(String previousPeriod) {
        this.previousPeriod = previousPeriod;
    }

    public boolean isRefundRequired() {
        return refundRequired;
    }

    public void setRefundRequired(boolean refundRequired) {
        this.refundRequired = refundRequired;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
