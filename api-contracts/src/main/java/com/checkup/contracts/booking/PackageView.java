package com.checkup.contracts.booking;

import java.io.Serializable;
import java.util.List;

/** A check-up package a hospital sells; the price is in cents (fen). */
public class PackageView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String packageId;
    private String hospitalId;
    private String name;
    private long priceCents;
    /** MALE, FEMALE or ANY */
    private String gender;
    private int minAge;
    private int maxAge;
    private List<ExamItemView> items;

    public String getPackageId() {
        return packageId;
    }

    public void setPackageId(String packageId) {
        this.packageId = packageId;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public long getPriceCents() {
        return priceCents;
    }

    public void setPriceCents(long priceCents) {
        this.priceCents = priceCents;
    }

    public String getGender() {
        return gender;
    }

    public void setGender(String gender) {
        this.gender = gender;
    }

    public int getMinAge() {
        return minAge;
    }

    public void setMinAge(int minAge) {
        this.minAge = minAge;
    }

    public int getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(int maxAge) {
        this.maxAge = maxAge;
    }

    public List<ExamItemView> getItems() {
        return items;
    }

    public void setItems(List<ExamItemView> items) {
        this.items = items;
    }
}
