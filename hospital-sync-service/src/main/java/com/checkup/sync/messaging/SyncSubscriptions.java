package com.checkup.sync.messaging;

import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.events.ReceivedEvent;
import com.checkup.platform.spring.EventSubscriptions;
import com.checkup.sync.app.HospitalSync;
import com.checkup.sync.domain.SyncAction;
import com.checkup.sync.domain.Tier;
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
 *
 * <p>Each copy of the service (a hospital tier, see {@link Tier}) consumes in its own group, {@link #group}, so every
 * copy sees every event and none waits for another: a failing or slow copy holds back no other copy's events. Every
 * copy records the job of every event (one job per event, whoever records it) and runs only its own hospitals' jobs;
 * a lane copy's group is the tier's group plus the lane suffix, so a tier copy can run in a lane too.
 */
@Component
public class SyncSubscriptions {
    static final String GROUP = "hospital-sync-service-bookings";
    private static final Logger log = LoggerFactory.getLogger(SyncSubscriptions.class);

    private final ObjectProvider<EventSubscriptions> subscriptions;
    private final HospitalSync sync;
    private final SyncJobRepository jobs;
    private final Tier tier;

    public SyncSubscriptions(ObjectProvider<EventSubscriptions> subscriptions, HospitalSync sync, SyncJobRepository jobs,
                             Tier tier) {
        this.subscriptions = subscriptions;
        this.sync = sync;
        this.jobs = jobs;
        this.tier = tier;
    }

    /**
     * The consumer group of a copy: {@value #GROUP} for the default copy, {@code <that>_tier_<tier>} for a tier's copy
     * (tier names have no '_', so no tier group is taken for a lane group of another copy); platform-kit adds
     * {@code _lane_<lane>} in a lane. The idempotency records ({@code processed_event}) are per group, so each copy
     * handles each event once.
     */
    static String group(Tier tier) {
        return tier.isDefault() ? GROUP : GROUP + "_tier_" + tier.name();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void subscribe() {
        EventSubscriptions subs = subscriptions.getIfAvailable();
        if (subs == null) {
            log.warn("No RocketMQ name server configured (checkup.rocketmq.name-server): nothing is pushed to hospitals");
            return;
        }
        subs.subscribe(group(tier), Topics.BOOKING, Set.of(BookingEvent.CONFIRMED, BookingEvent.RESCHEDULED, BookingEvent.CANCELLED),
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
