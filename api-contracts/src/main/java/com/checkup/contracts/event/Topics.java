package com.checkup.contracts.event;

/** RocketMQ topics. The event type is the message tag (see each payload class for its types). */
public final class Topics {
    /** Order lifecycle: order.created, order.paid, order.closed, order.refunded, order.fulfilled. */
    public static final String ORDER = "checkup-order";
    /** Payment outcomes: payment.succeeded, payment.refunded. */
    public static final String PAYMENT = "checkup-payment";

    /** Booking lifecycle: booking.confirmed, booking.cancelled, booking.expired, booking.rescheduled, booking.checked-in,
     *  booking.no-show, booking.completed. */
    public static final String BOOKING = "checkup-booking";
    /** Report files: report.ready. */
    public static final String REPORT = "checkup-report";
    /** Corporate campaigns: entitlement.granted (an employee's code, to be sent to them). */
    public static final String CAMPAIGN = "checkup-campaign";
    /** booking-service's own delayed messages (hold expiry); nobody else subscribes. */
    public static final String BOOKING_TIMERS = "checkup-booking-timers";

    private Topics() {
    }
}
