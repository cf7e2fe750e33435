package com.checkup.booking.messaging;

import com.checkup.booking.app.HoldExpiry;
import com.checkup.booking.app.PaidOrders;
import com.checkup.booking.app.DeskCommands;
import com.checkup.contracts.fulfillment.ReportEvent;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.platform.events.ReceivedEvent;
import com.checkup.platform.spring.EventSubscriptions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What booking-service reacts to, each in its own consumer group (idempotent through platform-kit):
 * order.paid → confirm; the delayed hold-due message → expire; a cancelled paid booking → ask for the refund;
 * report.ready → complete.
 */
@Component
public class BookingSubscriptions {
    static final String ORDERS_GROUP = "booking-service-orders";
    static final String TIMERS_GROUP = "booking-service-timers";
    static final String REFUNDS_GROUP = "booking-service-refunds";
    static final String REPORTS_GROUP = "booking-service-reports";
    private static final Logger log = LoggerFactory.getLogger(BookingSubscriptions.class);

    private final ObjectProvider<EventSubscriptions> subscriptions;
    private final PaidOrders paidOrders;
    private final HoldExpiry expiry;
    private final DeskCommands desk;

    public BookingSubscriptions(ObjectProvider<EventSubscriptions> subscriptions, PaidOrders paidOrders, HoldExpiry expiry,
                                DeskCommands desk) {
        this.desk = desk;
        this.subscriptions = subscriptions;
        this.paidOrders = paidOrders;
        this.expiry = expiry;
    }

    /** Subscribe once the service is fully started (database migrated, Dubbo exported). */
    @EventListener(ApplicationReadyEvent.class)
    public void subscribe() {
        EventSubscriptions subs = subscriptions.getIfAvailable();
        if (subs == null) {
            log.warn("No RocketMQ name server configured (checkup.rocketmq.name-server): bookings are not confirmed"
                    + " or expired by events");
            return;
        }
        subs.subscribe(ORDERS_GROUP, Topics.ORDER, Set.of(OrderEvent.PAID), this::onOrder);
        subs.subscribe(TIMERS_GROUP, Topics.BOOKING_TIMERS, Set.of(HoldExpiry.HOLD_DUE), this::onTimer);
        subs.subscribe(REFUNDS_GROUP, Topics.BOOKING, Set.of(BookingEvent.CANCELLED), this::onBooking);
        subs.subscribe(REPORTS_GROUP, Topics.REPORT, Set.of(ReportEvent.READY), this::onReport);
    }

    /** Each handler runs in the transaction that records the event as handled; an exception means "deliver again". */
    void onOrder(ReceivedEvent e) {
        if (OrderEvent.PAID.equals(e.eventType())) {
            paidOrders.orderPaid(e.payload(OrderEvent.class));
        }
    }

    void onTimer(ReceivedEvent e) {
        if (HoldExpiry.HOLD_DUE.equals(e.eventType())) {
            expiry.expireAll(e.payload(HoldExpiry.HoldsDue.class));
        }
    }

    void onBooking(ReceivedEvent e) {
        if (BookingEvent.CANCELLED.equals(e.eventType())) {
            BookingEvent b = e.payload(BookingEvent.class);
            if (b.isRefundRequired()) {
                paidOrders.refundAfterCancel(b);
            }
        }
    }

    void onReport(ReceivedEvent e) {
        if (ReportEvent.READY.equals(e.eventType())) {
            desk.reportReady(e.payload(ReportEvent.class).getBookingId());
        }
    }
}
