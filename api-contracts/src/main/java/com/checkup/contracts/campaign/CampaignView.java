package com.checkup.contracts.campaign;

import java.io.Serializable;
import java.util.List;

/** A campaign as HR sees it, with what is used of its quota and budget. */
public class CampaignView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String campaignId;
    private String companyId;
    private String name;
    private String hospitalId;
    private List<String> packageIds;
    private String startDate;
    private String endDate;
    private Integer quota;
    private Long budgetCents;
    /** bookings holding a place now */
    private int booked;
    private long spentCents;
    private Integer dailyShare;
    private int shareCutoffDays;
    /** COMPANY: settled by contract, never by the employee */
    private String payer;
    /** entitlements on the roster */
    private int employees;
    private String createdAt;
    /** OPEN or CANCELLED. */
    private String status;

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCampaignId() {
        return campaignId;
    }

    public void setCampaignId(String campaignId) {
        this.campaignId = campaignId;
    }

    public String getCompanyId() {
        return companyId;
    }

    public void setCompanyId(String companyId) {
        this.companyId = companyId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public List<String> getPackageIds() {
        return packageIds;
    }

    public void setPackageIds(List<String> packageIds) {
        this.packageIds = packageIds;
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

    public Integer getQuota() {
        return quota;
    }

    public void setQuota(Integer quota) {
        this.quota = quota;
    }

    public Long getBudgetCents() {
        return budgetCents;
    }

    public void setBudgetCents(Long budgetCents) {
        this.budgetCents = budgetCents;
    }

    public int getBooked() {
        return booked;
    }

    public void setBooked(int booked) {
        this.booked = booked;
    }

    public long getSpentCents() {
        return spentCents;
    }

    public void setSpentCents(long spentCents) {
        this.spentCents = spentCents;
    }

    public Integer getDailyShare() {
        return dailyShare;
    }

    public void setDailyShare(Integer dailyShare) {
        this.dailyShare = dailyShare;
    }

    public int getShareCutoffDays() {
        return shareCutoffDays;
    }

    public void setShareCutoffDays(int shareCutoffDays) {
        this.shareCutoffDays = shareCutoffDays;
    }

    public String getPayer() {
        return payer;
    }

    public void setPayer(String payer) {
        this.payer = payer;
    }

    public int getEmployees() {
        return employees;
    }

    public void setEmployees(int employees) {
        this.employees = employees;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }
}
