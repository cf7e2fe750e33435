package com.checkup.contracts.campaign;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A campaign's attendance for HR: counts per status and one line per employee. */
public class CampaignProgress implements Serializable {
    private static final long serialVersionUID = 1L;

    private String campaignId;
    private Map<String, Integer> counts;
    private List<EmployeeProgress> employees;

    public String getCampaignId() {
        return campaignId;
    }

    public void setCampaignId(String campaignId) {
        this.campaignId = campaignId;
    }

    public Map<String, Integer> getCounts() {
        return counts;
    }

    public void setCounts(Map<String, Integer> counts) {
        this.counts = counts;
    }

    public List<EmployeeProgress> getEmployees() {
        return employees;
    }

    public void setEmployees(List<EmployeeProgress> employees) {
        this.employees = employees;
    }
}
