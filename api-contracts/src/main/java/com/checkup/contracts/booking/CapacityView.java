package com.checkup.contracts.booking;

import java.io.Serializable;

/** One capacity row: a day, a period, a resource ({@code TOTAL} for places), its total and what is booked. */
public class CapacityView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String date;
    private String period;
    private String resource;
    private int total;
    private int used;

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

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public int getUsed() {
        return used;
    }

    public void setUsed(int used) {
        this.used = used;
    }
}
