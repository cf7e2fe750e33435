package com.checkup.contracts.booking;

import java.io.Serializable;

/** The person to be examined, as typed in the app. ID number and phone are stored encrypted. */
public class ExamineeInput implements Serializable {
    private static final long serialVersionUID = 1L;

    private String name;
    /** MALE or FEMALE */
    private String gender;
    /** ISO date */
    private String birthDate;
    /** 18-character resident ID number (checksum verified) */
    private String idNumber;
    /** mainland mobile number, 11 digits */
    private String phone;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getGender() {
        return gender;
    }

    public void setGender(String gender) {
        this.gender = gender;
    }

    public String getBirthDate() {
        return birthDate;
    }

    public void setBirthDate(String birthDate) {
        this.birthDate = birthDate;
    }

    public String getIdNumber() {
        return idNumber;
    }

    public void setIdNumber(String idNumber) {
        this.idNumber = idNumber;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
