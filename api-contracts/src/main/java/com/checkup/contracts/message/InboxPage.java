package com.checkup.contracts.message;

import java.io.Serializable;
import java.util.List;

/** What an inbox poll answers: notices in ascending order and where the next poll resumes. */
public class InboxPage implements Serializable {
    private static final long serialVersionUID = 1L;

    /** oldest first; at most 50 (20 for a fresh start without a cursor); empty when nothing is new */
    private List<InboxNotice> items;
    /** opaque: send it as {@code after} next time; the same as {@code after} when nothing is new; never null */
    private String cursor;

    public InboxPage() {
    }

    public InboxPage(List<InboxNotice> items, String cursor) {
        this.items = items;
        this.cursor = cursor;
    }

    public List<InboxNotice> getItems() {
        return items;
    }

    public void setItems(List<InboxNotice> items) {
        this.items = items;
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }
}
