package com.checkup.contracts.booking;

import java.io.Serializable;

/** One examination of a package and the resource it uses. */
public class ExamItemView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String itemId;
    private String name;
    /** e.g. CT, ULTRASOUND, GENERAL (GENERAL is not limited) */
    private String resource;

    public String getItemId() {
        return itemId;
    }

    public void setItemId(String itemId) {
        this.itemId = itemId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }
}
