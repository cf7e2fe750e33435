package com.checkup.message.messaging;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.campaign.EntitlementEvent;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.fulfillment.ReportEvent;
import com.checkup.contracts.message.InboxNotice;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.message.app.InboxNotices;
import com.checkup.message.app.Notifications;
import com.checkup.platform.events.ReceivedEvent;
import com.checkup.platform.spring.EventSubscriptions;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Booking events (confirmed, moved, cancelled), report.ready and entitlement.granted become notifications, each in the transaction that
 * records the event as handled (so a redelivered event adds nothing). The same transaction writes the consumer's inbox
 * notices (confirmed, the day-before reminder, report ready, and order.refunded: refunded), which push never replaces.
 */
@Component
public class MessageSubscriptions {
    static final String BOOKINGS_GROUP = "message-service-bookings";
    static final String REPORTS_GROUP = "message-service-reports";
    static final String CAMPAIGNS_GROUP = "message-service-campaigns";
    static final String ORDERS_GROUP = "message-service-orders";
    private static final Logger log = LoggerFactory.getLogger(MessageSubscriptions.class);

    private final ObjectProvider<EventSubscriptions> subscriptions;
    private final Notifications notifications;
    private final InboxNotices inbox;

    public MessageSubscriptions(ObjectProvider<EventSubscriptions> subscriptions, Notifications notifications, InboxNotices inbox) {
        this.subscriptions = subscriptions;
        this.notifications = notifications;
        this.inbox = inbox;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void subscribe() {
        EventSubscriptions subs = subscriptions.getIfAvailable();
        if (subs == null) {
            log.warn("No RocketMQ name server configured (checkup.rocketmq.name-server): no notifications");
            return;
        }
        subs.subscribe(BOOKINGS_GROUP, Topics.BOOKING,
                Set.of(BookingEvent.CONFIRMED, BookingEvent.RESCHEDULED, BookingEvent.CANCELLED), this::onBooking);
        subs.subscribe(REPORTS_GROUP, Topics.REPORT, Set.of(ReportEvent.READY), this::onReport);
        subs.subscribe(CAMPAIGNS_GROUP, Topics.CAMPAIGN, Set.of(EntitlementEvent.GRANTED), this::onEntitlement);
        subs.subscribe(ORDERS_GROUP, Topics.ORDER, Set.of(OrderEvent.REFUNDED), this::onOrder);
    }

    void onBooking(ReceivedEvent e) {
        BookingEvent b = e.payload(BookingEvent.class);
        Map<String, String> values = new HashMap<>();
        values.put("bookingId", b.getBookingId());
        values.put("hospitalId", b.getHospitalId());
        values.put("date", b.getDate());
        values.put("period", b.getPeriod());
        switch (e.eventType()) {
            case BookingEvent.CONFIRMED -> {
                notifications.notify(e.eventId(), e.eventType(), b.getHospitalId(), b.getBookingId(), b.getConsumerId(), values);
                notifications.remind(b.getBookingId(), b.getHospitalId(), b.getConsumerId(), LocalDate.parse(b.getDate()), values);
                Map<String, String> params = inbox.bookingParams(b.getHospitalId(), b.getPackageId(), b.getDate(), b.getPeriod());
                inbox.add(e.eventId(), InboxNotice.BOOKING_CONFIRMED, b.getConsumerId(), b.getBookingId(), b.getHospitalId(), params);
                inbox.remind(e.eventId(), b.getConsumerId(), b.getBookingId(), b.getHospitalId(), LocalDate.parse(b.getDate()), params);
            }
            case BookingEvent.RESCHEDULED -> {
                notifications.callOffReminders(b.getBookingId());
                inbox.callOffReminders(b.getBookingId());
                if (b.getStatus() == BookingStatus.CONFIRMED) {
                    notifications.notify(e.eventId(), e.eventType(), b.getHospitalId(), b.getBookingId(), b.getConsumerId(), values);
                    notifications.remind(b.getBookingId(), b.getHospitalId(), b.getConsumerId(), LocalDate.parse(b.getDate()), values);
                    inbox.remind(e.eventId(), b.getConsumerId(), b.getBookingId(), b.getHospitalId(), LocalDate.parse(b.getDate()),
                            inbox.bookingParams(b.getHospitalId(), b.getPackageId(), b.getDate(), b.getPeriod()));
                }
            }
            case BookingEvent.CANCELLED -> {
                notifications.callOffReminders(b.getBookingId());
                inbox.callOffReminders(b.getBookingId());
                if (b.isRefundRequired()) {
                    // Only a paid (confirmed) booking was ever announced; an unpaid hold goes quietly.
                    notifications.notify(e.eventId(), e.eventType(), b.getHospitalId(), b.getBookingId(), b.getConsumerId(), values);
                }
            }
            default -> {
            }
        }
    }

    /**
     * An employee's code. Employees have no account yet, so the recipient is named by company and employee number
     * ({@code employee:<company>:<no>}); like every recipient, turning it into a phone number is the provider's side.
     */
    void onEntitlement(ReceivedEvent e) {
        EntitlementEvent g = e.payload(EntitlementEvent.class);
        Map<String, String> values = new HashMap<>();
        values.put("employeeName", g.getEmployeeName());
        values.put("hospitalId", g.getHospitalId());
        values.put("startDate", g.getStartDate());
        values.put("endDate", g.getEndDate());
        values.put("code", g.getCode());
        notifications.notify(e.eventId(), e.eventType(), g.getHospitalId(), null,
                "employee:" + g.getCompanyId() + ":" + g.getEmployeeNo(), values);
    }

    void onReport(ReceivedEvent e) {
        ReportEvent r = e.payload(ReportEvent.class);
        notifications.notify(e.eventId(), e.eventType(), r.getHospitalId(), r.getBookingId(), r.getConsumerId(),
                Map.of("bookingId", r.getBookingId(), "hospitalId", r.getHospitalId()));
        inbox.add(e.eventId(), InboxNotice.REPORT_READY, r.getConsumerId(), r.getBookingId(), r.getHospitalId(),
                inbox.laterParams(r.getConsumerId(), r.getBookingId(), r.getHospitalId()));
    }

    /** A paid order refunded (the booking was cancelled): an inbox notice only (push stays as it is). */
    void onOrder(ReceivedEvent e) {
        OrderEvent o = e.payload(OrderEvent.class);
        Map<String, String> params = inbox.laterParams(o.getConsumerId(), o.getBookingId(), o.getHospitalId());
        params.put("amount", InboxNotices.yuan(o.getAmountCents()));
        inbox.add(e.eventId(), InboxNotice.REFUNDED, o.getConsumerId(), o.getBookingId(), o.getHospitalId(), params);
    }
}
