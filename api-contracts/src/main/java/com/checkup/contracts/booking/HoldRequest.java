package com.checkup.contracts.booking;

import java.io.Serializable;

/** Hold a place for a package on a day and period. The consumer is the caller (from the call context). */
public class HoldRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    /** the client's Idempotency-Key: the same key returns the same booking */
    private String idempotencyKey;
    private String hospitalId;
    private String packageId;
    /** ISO date, within the booking window */
    private String date;
    /** MORNING or AFTERNOON */
    private String period;
    private ExamineeInput examinee;

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
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

    public ExamineeInput getExaminee() {
        return examinee;
    }

    public void setExaminee(ExamineeInput examinee) {
        this.examinee = examinee;
    }
}
