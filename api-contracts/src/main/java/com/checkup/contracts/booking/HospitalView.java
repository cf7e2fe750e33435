package com.checkup.contracts.booking;

import java.io.Serializable;

/** A hospital of the catalogue. */
public class HospitalView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String hospitalId;
    private String name;
    private String city;
    /** IANA zone of the hospital; dates and cut-offs are in this zone */
    private String timezone;

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

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }
}
