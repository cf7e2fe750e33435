package com.checkup.contracts.booking;

import java.io.Serializable;

/** A city with hospitals in the catalogue, and how many (for a city choice before the hospital list). */
public class CityView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String city;
    private int hospitals;

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public int getHospitals() {
        return hospitals;
    }

    public void setHospitals(int hospitals) {
        this.hospitals = hospitals;
    }
}
