package com.checkup.contracts.booking;

import java.io.Serializable;
import java.util.List;

/** One page of the hospital list, by hospital id; {@code nextCursor} asks for the page after it. */
public class HospitalPage implements Serializable {
    private static final long serialVersionUID = 1L;

    private List<HospitalView> items;
    /** opaque: pass it back as {@code cursor} for the next page; null on the last page */
    private String nextCursor;

    public List<HospitalView> getItems() {
        return items;
    }

    public void setItems(List<HospitalView> items) {
        this.items = items;
    }

    public String getNextCursor() {
        return nextCursor;
    }

    public void setNextCursor(String nextCursor) {
        this.nextCursor = nextCursor;
    }
}
