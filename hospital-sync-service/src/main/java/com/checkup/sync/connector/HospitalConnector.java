package com.checkup.sync.connector;

import com.checkup.contracts.booking.BookingView;
import com.checkup.sync.domain.ConnectorSpec;

/** Talks to one kind of hospital system. Calls are idempotent: the hospital may see a retry. Throws on failure. */
public interface HospitalConnector {
    ConnectorSpec.Kind kind();

    void push(ConnectorSpec spec, BookingView booking, String idempotencyKey) throws Exception;

    void cancel(ConnectorSpec spec, String bookingId, String idempotencyKey) throws Exception;

    /** The hospital's state of a booking it holds: BOOKED, CHECKED_IN, REPORT_READY or CANCELLED. */
    String status(ConnectorSpec spec, String bookingId) throws Exception;
}
