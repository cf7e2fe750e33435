package com.checkup.contracts.fulfillment;

import java.io.Serializable;
import java.util.List;

/** One page of the fulfillment queue, newest first; {@code nextCursor} asks for the page after it. */
public class TaskPage implements Serializable {
    private static final long serialVersionUID = 1L;

    private List<TaskView> items;
    /** opaque: pass it back as {@code cursor} for the next page; null on the last page */
    private String nextCursor;

    public List<TaskView> getItems() {
        return items;
    }

    public void setItems(List<TaskView> items) {
        this.items = items;
    }

    public String getNextCursor() {
        return nextCursor;
    }

    public void setNextCursor(String nextCursor) {
        this.nextCursor = nextCursor;
    }
}
