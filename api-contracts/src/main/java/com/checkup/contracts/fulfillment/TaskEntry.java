package com.checkup.contracts.fulfillment;

import java.io.Serializable;

/** One line of a task's audit trail. */
public class TaskEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    private String at;
    /** persona:user, e.g. DESK:desk.h001 or SYSTEM:hospital-sync-service */
    private String actor;
    /** OPENED, CLAIMED, RESOLVED */
    private String action;
    private String detail;

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

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }
}
