package com.checkup.sync.messaging;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.events.ReceivedEvent;
import com.checkup.platform.spring.EventSubscriptions;
import com.checkup.sync.app.HospitalSync;
import com.checkup.sync.domain.SyncAction;
import com.checkup.sync.persistence.SyncJobRepository;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * booking.confirmed and booking.rescheduled (of a confirmed booking) → push to the hospital; booking.cancelled of a
 * booking the hospital was told about → cancel there. Each event becomes one durable job, in the transaction that
 * records the event as handled.
 */
@Component
public class SyncSubscriptions {
    static final String GROUP = "hospital-sync-service-bookings";
    private static final Logger log = LoggerFactory.getLogger(SyncSubscriptions.class);

    private final ObjectProvider<EventSubscriptions> subscriptions;
    private final HospitalSync sync;
    private final SyncJobRepository jobs;

    public SyncSubscriptions(ObjectProvider<EventSubscriptions> subscriptions, HospitalSync sync, SyncJobRepository jobs) {
        this.subscriptions = subscriptions;
        this.sync = sync;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void subscribe() {
        EventSubscriptions subs = subscriptions.getIfAvailable();
        if (subs == null) {
            log.warn("No RocketMQ name server configured (checkup.rocketmq.name-server): nothing is pushed to hospitals");
            return;
        }
        subs.subscribe(GROUP, Topics.BOOKING, Set.of(BookingEvent.CONFIRMED, BookingEvent.RESCHEDULED, BookingEvent.CANCELLED),
                this::onBooking);
    }

    void onBooking(ReceivedEvent e) {
        BookingEvent b = e.payload(BookingEvent.class);
        switch (e.eventType()) {
            case BookingEvent.CONFIRMED -> sync.enqueue(e.eventId(), b.getBookingId(), b.getHospitalId(), SyncAction.PUSH);
            case BookingEvent.RESCHEDULED -> {
                if (b.getStatus() == BookingStatus.CONFIRMED) {
                    sync.enqueue(e.eventId(), b.getBookingId(), b.getHospitalId(), SyncAction.PUSH);
                }
            }
            case BookingEvent.CANCELLED -> {
                if (jobs.everPushed(b.getBookingId())) {
                    sync.enqueue(e.eventId(), b.getBookingId(), b.getHospitalId(), SyncAction.CANCEL);
                }
            }
            default -> {
            }
        }
    }
}
