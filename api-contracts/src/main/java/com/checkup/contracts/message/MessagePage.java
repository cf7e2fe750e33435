package com.checkup.contracts.message;

import java.io.Serializable;
import java.util.List;

/** One page of messages, newest first; {@code nextCursor} asks for the page after it. */
public class MessagePage implements Serializable {
    private static final long serialVersionUID = 1L;

    private List<MessageView> items;
    /** opaque: pass it back as {@code cursor} for the next page; null on the last page */
    private String nextCursor;

    public List<MessageView> getItems() {
        return items;
    }

    public void setItems(List<MessageView> items) {
        this.items = items;
    }

    public String getNextCursor() {
        return nextCursor;
    }

    public void setNextCursor(String nextCursor) {
        this.nextCursor = nextCursor;
    }
}
