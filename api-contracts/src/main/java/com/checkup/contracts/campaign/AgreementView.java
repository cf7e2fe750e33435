package com.checkup.contracts.campaign;

import java.io.Serializable;

/** A hospital's agreement with a company: the limits of the company's campaigns there. */
public class AgreementView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String hospitalId;
    private String companyId;
    private int maxDailyShare;
    private int maxSlotSharePercent;
    private String status;
    private String updatedBy;
    private String updatedAt;

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getCompanyId() {
        return companyId;
    }

    public void setCompanyId(String companyId) {
        this.companyId = companyId;
    }

    public int getMaxDailyShare() {
        return maxDailyShare;
    }

    public void setMaxDailyShare(int maxDailyShare) {
        this.maxDailyShare = maxDailyShare;
    }

    public int getMaxSlotSharePercent() {
        return maxSlotSharePercent;
    }

    public void setMaxSlotSharePercent(int maxSlotSharePercent) {
        this.maxSlotSharePercent = maxSlotSharePercent;
    }

    /** ACTIVE or ENDED. */
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(String updatedBy) {
        this.updatedBy = updatedBy;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }
}
