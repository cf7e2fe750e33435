package com.checkup.contracts.booking;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** New totals for one day and period of the desk's hospital: {@code TOTAL} (places) and/or limited resources. */
public class CapacityChange implements Serializable {
    private static final long serialVersionUID = 1L;

    /** ISO date, today or later */
    private String date;
    /** MORNING or AFTERNOON */
    private String period;
    /** resource (TOTAL, CT, ULTRASOUND, ...) → new total, 0..10000 */
    private Map<String, Integer> totals = new LinkedHashMap<>();

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

    public Map<String, Integer> getTotals() {
        return totals;
    }

    public void setTotals(Map<String, Integer> totals) {
        this.totals = totals;
    }
}
