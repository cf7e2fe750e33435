package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CampaignRepository;
import com.checkup.booking.persistence.EntitlementRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A consumer changes their booking: cancels it or moves it to another day. Each change, its capacity change and its
 * event commit in one transaction; the order is closed (unpaid) before, outside it.
 */
@Service
public class BookingChanges {
    private static final Logger log = LoggerFactory.getLogger(BookingChanges.class);

    private final BookingQueries queries;
    private final BookingRepository bookings;
    private final CapacityCalendar calendar;
    private final CatalogueQueries catalogue;
    private final BookingPolicies policies;
    private final HoldOrders orders;
    private final BookingEvents events;
    private final CampaignRepository campaigns;
    private final EntitlementRepository entitlements;
    private final TransactionTemplate tx;
    private final Clock clock;

    public BookingChanges(BookingQueries queries, BookingRepository bookings, CapacityCalendar calendar,
                          CatalogueQueries catalogue, BookingPolicies policies, HoldOrders orders, BookingEvents events,
                          CampaignRepository campaigns, EntitlementRepository entitlements, TransactionTemplate tx, Clock clock) {
        this.queries = queries;
        this.bookings = bookings;
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.policies = policies;
        this.orders = orders;
        this.events = events;
        this.campaigns = campaigns;
        this.entitlements = entitlements;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Cancels a held or confirmed booking. Unpaid: the order is closed and the place given back. Paid: only before the
     * hospital's change deadline; the place is given back and {@code booking.cancelled} asks for the refund.
     */
    public Booking cancel(String bookingId, String reason) {
        Booking.cancelReason(reason); // checked before anything changes elsewhere (the order is closed below)
        Booking b = queries.visible(bookingId);
        if (b.status() == BookingStatus.CANCELLED) {
            return b;
        }
        if (b.status() != BookingStatus.HELD && b.status() != BookingStatus.CONFIRMED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.id() + " is " + b.status() + " and cannot be cancelled");
        }
        Instant now = clock.instant();
        boolean paid = b.status() == BookingStatus.CONFIRMED || !orders.closeUnlessPaid(b, "CANCELLED");
        // A company booking (no order) is paid by contract: nothing to refund to anyone.
        boolean refund = paid && b.orderId() != null;
        if (paid) {
            Hospital h = catalogue.hospital(b.hospitalId());
            policies.changeDeadline(h.id()).check(b.slot().date(), h.zone(), now, "Cancelling this booking");
        }
        return tx.execute(s -> {
            Booking fresh = bookings.find(b.id()).orElseThrow();
            if (fresh.cancel(reason, now)) {
                bookings.update(fresh);
                calendar.release(fresh.slot(), fresh.resources());
                // A company booking: the entitlement may be used again, the quota and budget go back.
                entitlements.bookingCancelled(fresh.id(), now)
                        .ifPresent(campaign -> campaigns.giveBackQuota(campaign, fresh.amountCents()));
                events.publish(BookingEvent.CANCELLED, fresh, null, refund, fresh.cancelReason());
                log.info("Cancelled {} ({}paid)", fresh, paid ? "" : "un");
            }
            return fresh;
        });
    }

    /** Moves a held or confirmed booking: the new place is taken before the old one is given back, in one transaction. */
    public Booking reschedule(String bookingId, String date, String period) {
        Booking b = queries.visible(bookingId);
        if (b.status() != BookingStatus.HELD && b.status() != BookingStatus.CONFIRMED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.id() + " is " + b.status() + " and cannot be rescheduled");
        }
        if (entitlements.campaignOfBooking(b.id()).isPresent()) {
            throw new BusinessException(ErrorCode.CONFLICT, "A company booking is moved by cancelling it and booking"
                    + " again with the entitlement code (the campaign's days and places apply)");
        }
        Hospital h = catalogue.hospital(b.hospitalId());
        Slot target = new Slot(h.id(), CatalogueQueries.date("date", date), Period.parse(period));
        if (target.equals(b.slot())) {
            return b;
        }
        Instant now = clock.instant();
        policies.checkBookable(h, target.date(), now);
        if (b.status() == BookingStatus.CONFIRMED) {
            policies.changeDeadline(h.id()).check(b.slot().date(), h.zone(), now, "Changing this booking");
        }
        CheckupPackage pkg = catalogue.packageOf(h, b.packageId());
        pkg.checkEligible(b.examinee(), target.date());
        Booking moved = tx.execute(s -> {
            Booking fresh = bookings.find(b.id()).orElseThrow();
            if (!fresh.slot().equals(b.slot()) || fresh.status() != b.status()) {
                throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.id() + " was changed concurrently; try again");
            }
            if (!calendar.take(target, fresh.resources())) {
                s.setRollbackOnly();
                return null;
            }
            Slot old = fresh.moveTo(target, now);
            calendar.release(old, fresh.resources());
            bookings.update(fresh);
            events.publish(BookingEvent.RESCHEDULED, fresh, old, false, null);
            log.info("Moved {} from {}", fresh, old);
            return fresh;
        });
        if (moved == null) {
            throw SoldOut.explain(calendar, target, b.resources());
        }
        return moved;
    }
}
