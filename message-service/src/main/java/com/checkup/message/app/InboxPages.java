package com.checkup.message.app;

import com.checkup.contracts.message.InboxNotice;
import com.checkup.contracts.message.InboxPage;
import com.checkup.message.domain.InboxCursor;
import com.checkup.message.domain.InboxEntry;
import java.util.LinkedHashMap;
import java.util.List;

/** Notices as a poll answers them. */
final class InboxPages {
    private InboxPages() {
    }

    /** A page of notices (ascending, not empty); the cursor is the last one's. */
    static InboxPage of(String user, List<InboxEntry> entries) {
        List<InboxNotice> items = entries.stream().map(InboxPages::notice).toList();
        return new InboxPage(items, InboxCursor.encode(user, entries.get(entries.size() - 1).seq()));
    }

    /** Nothing new: the cursor the client sent. */
    static InboxPage empty(String cursor) {
        return new InboxPage(List.of(), cursor);
    }

    static InboxNotice notice(InboxEntry e) {
        InboxNotice n = new InboxNotice();
        n.setId(e.id());
        n.setKind(e.kind());
        n.setBookingId(e.bookingId());
        n.setHospitalId(e.hospitalId());
        n.setCreatedAt(e.createdAt().toString());
        n.setParams(new LinkedHashMap<>(e.params()));
        return n;
    }
}
