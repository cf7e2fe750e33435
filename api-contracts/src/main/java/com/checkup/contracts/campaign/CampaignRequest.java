package com.checkup.contracts.campaign;

import java.io.Serializable;
import java.util.List;

/** What HR sends to start a campaign: the hospital, the packages offered, the window, the limits. */
public class CampaignRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private String name;
    private String hospitalId;
    /** packages the company offers; each keeps its own gender and age limits */
    private List<String> packageIds;
    /** first exam day, ISO */
    private String startDate;
    /** last exam day, ISO; bookings close after it */
    private String endDate;
    /** most bookings the company pays for; null = no count limit */
    private Integer quota;
    /** most the company pays in total (package prices); null = no budget limit */
    private Long budgetCents;
    /** places set aside for the campaign in each period of each day; null or 0 = none */
    private Integer dailyShare;
    /** days before an exam day that its unused share goes back to everyone (default 2) */
    private Integer shareCutoffDays;

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

    public Integer getDailyShare() {
        return dailyShare;
    }

    public void setDailyShare(Integer dailyShare) {
        this.dailyShare = dailyShare;
    }

    public Integer getShareCutoffDays() {
        return shareCutoffDays;
    }

    public void setShareCutoffDays(Integer shareCutoffDays) {
        this.shareCutoffDays = shareCutoffDays;
    }
}
