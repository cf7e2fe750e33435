package com.checkup.contracts.campaign;

import java.io.Serializable;

/** Where one employee stands; attendance only, never a result. */
public class EmployeeProgress implements Serializable {
    private static final long serialVersionUID = 1L;

    private String employeeNo;
    private String name;
    private String packageId;
    /** NOT_BOOKED, BOOKED, CHECKED_IN, COMPLETED or NO_SHOW */
    private String status;
    private String date;
    private String period;

    public String getEmployeeNo() {
        return employeeNo;
    }

    public void setEmployeeNo(String employeeNo) {
        this.employeeNo = employeeNo;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPackageId() {
        return packageId;
    }

    public void setPackageId(String packageId) {
        this.packageId = packageId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
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
}
