package com.checkup.contracts.booking;

import java.io.Serializable;

/** Places left on one day and period for a package (the smallest of the day's total and of every resource it needs). */
public class SlotAvailability implements Serializable {
    private static final long serialVersionUID = 1L;

    /** ISO date in the hospital's zone */
    private String date;
    /** MORNING or AFTERNOON */
    private String period;
    private int remaining;
    /** false when the hospital has not opened this slot */
    private boolean open;

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

    public int getRemaining() {
        return remaining;
    }

    public void setRemaining(int remaining) {
        this.remaining = remaining;
    }

    public boolean isOpen() {
        return open;
    }

    public void setOpen(boolean open) {
        this.open = open;
    }
}
