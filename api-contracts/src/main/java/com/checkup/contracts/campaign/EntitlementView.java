package com.checkup.contracts.campaign;

import java.io.Serializable;

/** An employee's entitlement as the employee sees it (by code, in the app). */
public class EntitlementView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String code;
    private String campaignName;
    private String hospitalId;
    private String packageId;
    /** masked */
    private String examineeName;
    private String startDate;
    private String endDate;
    /** NOT_BOOKED, BOOKED, CHECKED_IN, COMPLETED or NO_SHOW */
    private String status;
    private String bookingId;

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getCampaignName() {
        return campaignName;
    }

    public void setCampaignName(String campaignName) {
        this.campaignName = campaignName;
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

    public String getExamineeName() {
        return examineeName;
    }

    public void setExamineeName(String examineeName) {
        this.examineeName = examineeName;
    }

    public String getStartDate() {
        return startDate;
    }

    public void setStartDate(String startDate) {
        this.startDate = startDate;
    }

    public String getEndDate() {
        return endDate;
    }

    public void setEndDate(String endDate) {
        this.endDate = endDate;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getBookingId() {
        return bookingId;
    }

    public void setBookingId(String bookingId) {
        this.bookingId = bookingId;
    }
}
