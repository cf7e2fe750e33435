package com.checkup.contracts.fulfillment;

import java.io.Serializable;

/** One upload or read of a booking's report, allowed or refused, from the access audit (never the content). */
public class ReportAccessView implements Serializable {
    private static final long serialVersionUID = 1L;

    /** ISO-8601 UTC instant */
    private String at;
    /** {@code PERSONA:user}, e.g. {@code DESK:desk.h001} */
    private String actor;
    /** UPLOAD or DOWNLOAD */
    private String action;
    private boolean allowed;
    /** why it was refused (error code and message); null when allowed */
    private String reason;

    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public boolean isAllowed() {
        return allowed;
    }

    public void setAllowed(boolean allowed) {
        this.allowed = allowed;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
