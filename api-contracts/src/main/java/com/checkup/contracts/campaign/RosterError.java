package com.checkup.contracts.campaign;

import java.io.Serializable;

/** One roster line that was not kept, and why. */
public class RosterError implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 1 = the header */
    private int line;
    private String employeeNo;
    private String reason;

    public int getLine() {
        return line;
    }

    public void setLine(int line) {
        this.line = line;
    }

    public String getEmployeeNo() {
        return employeeNo;
    }

    public void setEmployeeNo(String employeeNo) {
        this.employeeNo = employeeNo;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
