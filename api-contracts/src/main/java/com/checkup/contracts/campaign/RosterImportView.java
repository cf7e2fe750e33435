package com.checkup.contracts.campaign;

import java.io.Serializable;
import java.util.List;

/** A roster upload and its progress: rows are checked one by one; good rows are kept, bad ones listed. */
public class RosterImportView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String importId;
    private String campaignId;
    /** RUNNING, DONE or FAILED */
    private String status;
    private int totalRows;
    private int processedRows;
    /** new employees (each gets an entitlement and a code) */
    private int created;
    /** known employees whose data changed */
    private int updated;
    private int unchanged;
    private int rejected;
    /** the first 1000 rejected lines */
    private List<RosterError> errors;
    /** why a FAILED import stopped */
    private String failure;
    private String startedAt;
    private String finishedAt;

    public String getImportId() {
        return importId;
    }

    public void setImportId(String importId) {
        this.importId = importId;
    }

    public String getCampaignId() {
        return campaignId;
    }

    public void setCampaignId(String campaignId) {
        this.campaignId = campaignId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public int getTotalRows() {
        return totalRows;
    }

    public void setTotalRows(int totalRows) {
        this.totalRows = totalRows;
    }

    public int getProcessedRows() {
        return processedRows;
    }

    public void setProcessedRows(int processedRows) {
        this.processedRows = processedRows;
    }

    public int getCreated() {
        return created;
    }

    public void setCreated(int created) {
        this.created = created;
    }

    public int getUpdated() {
        return updated;
    }

    public void setUpdated(int updated) {
        this.updated = updated;
    }

    public int getUnchanged() {
        return unchanged;
    }

    public void setUnchanged(int unchanged) {
        this.unchanged = unchanged;
    }

    public int getRejected() {
        return rejected;
    }

    public void setRejected(int rejected) {
        this.rejected = rejected;
    }

    public List<RosterError> getErrors() {
        return errors;
    }

    public void setErrors(List<RosterError> errors) {
        this.errors = errors;
    }

    public String getFailure() {
        return failure;
    }

    public void setFailure(String failure) {
        this.failure = failure;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }
}
