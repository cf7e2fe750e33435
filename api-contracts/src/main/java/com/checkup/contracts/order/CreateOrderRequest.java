package com.checkup.contracts.order;

import java.io.Serializable;

/** One order per booking; the amount is the package price in cents (fen), taken by booking-service. */
public class CreateOrderRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private String bookingId;
    private String consumerId;
    private String hospitalId;
    private String packageId;
    private long amountCents;

    public CreateOrderRequest() {
    }

    public CreateOrderRequest(String bookingId, String consumerId, String hospitalId, String packageId, long amountCents) {
        this.bookingId = bookingId;
        this.consumerId = consumerId;
        this.hospitalId = hospitalId;
        this.packageId = packageId;
        this.amountCents = amountCents;
    }

    public String getBookingId() {
        return bookingId;
    }

    public void setBookingId(String bookingId) {
        this.bookingId = bookingId;
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

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }
}
