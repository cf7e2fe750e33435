package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Campaign;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.EntitlementCode;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CampaignRepository;
import com.checkup.booking.persistence.EntitlementRepository;
import com.checkup.booking.domain.Entitlement;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.events.EventPublisher;
import com.checkup.platform.privacy.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An employee books with their entitlement code in the consumer app: the roster's examinee, the roster's package,
 * a day of the campaign's window, nothing to pay (the company pays by contract). The booking is CONFIRMED at once
 * and flows on like any paid one (hospital-sync, messages). The quota, the budget, the campaign's share of the slot
 * and the slot's capacity are taken in one transaction, all or nothing.
 */
@Service
public class EntitlementBookings {
    private static final Logger log = LoggerFactory.getLogger(EntitlementBookings.class);

    private final CampaignRepository campaigns;
    private final EntitlementRepository entitlements;
    private final BookingRepository bookings;
    private final CapacityCalendar calendar;
    private final CatalogueQueries catalogue;
    private final EventPublisher events;
    private final FieldCipher cipher;
    private final TransactionTemplate tx;
    private final Clock clock;

    public EntitlementBookings(CampaignRepository campaigns, EntitlementRepository entitlements, BookingRepository bookings, CapacityCalendar calendar,
                               CatalogueQueries catalogue, EventPublisher events, FieldCipher cipher,
                               TransactionTemplate tx, Clock clock) {
        this.campaigns = campaigns;
        this.entitlements = entitlements;
        this.bookings = bookings;
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.events = events;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
    }

    /** An entitlement and its campaign, as the consumer holding the code may see them. */
    public record Found(Entitlement entitlement, Campaign campaign, Booking booking) {
    }

    /**
     * The entitlement behind a code, for the signed-in consumer; once a consumer has booked with it, it is theirs and
     * anyone else gets NOT_FOUND (as for a code that does not exist: codes are not to be probed).
     */
    public Found entitlement(String code) {
        String consumer = BookingAccess.consumer();
        Entitlement e = byCode(code, consumer);
        Campaign c = campaigns.find(e.campaignId()).orElseThrow();
        return new Found(e, c, e.bookingId() == null ? null : bookings.find(e.bookingId()).orElse(null));
    }

    public Booking book(String code, String dateText, String periodText) {
        String consumer = BookingAccess.consumer();
        Entitlement e = byCode(code, consumer);
        Campaign c = campaigns.find(e.campaignId()).orElseThrow();
        Hospital h = catalogue.hospital(c.hospitalId());
        LocalDate date = CatalogueQueries.date("date", dateText);
        Period period = Period.parse(periodText);
        Instant now = clock.instant();
        LocalDate today = h.today(now);
        Slot slot = new Slot(h.id(), date, period);
        if (e.bookingId() != null) {
            return repeatOrConflict(e, slot);
        }
        c.checkBookable(date, today);
        CheckupPackage pkg = catalogue.packageOf(h, e.packageId());
        Examinee examinee = new Examinee(e.name(), e.gender(), e.birthDate(), cipher.decrypt(e.idNumberEnc()),
                cipher.decrypt(e.phoneEnc()));
        pkg.checkEligible(examinee, date);
        boolean fromShare = c.shareInEffect(date, today) && calendar.hasShare(slot, c.id());
        List<String> resources = new ArrayList<>(pkg.resources());
        if (fromShare) {
            resources.add(Resources.share(c.id()));
            resources.sort(null);
        }
        Booking booked = tx.execute(s -> {
            Entitlement locked = entitlements.lockEntitlement(e.id()).orElseThrow();
            if (locked.bookingId() != null) {
                return bookings.find(locked.bookingId()).orElseThrow(); // a concurrent attempt with the same code won
            }
            if (!campaigns.takeQuota(c.id(), pkg.priceCents())) {
                throw new BusinessException(ErrorCode.QUOTA_EXHAUSTED, "Campaign " + c.name()
                        + " has no bookings left to give: its quota or budget is used up. Ask your HR department.");
            }
            String id = "B" + UUID.randomUUID().toString().replace("-", "");
            Booking b = Booking.forCompany(id, consumer, "ent:" + e.id() + ":" + id.substring(1, 9),
                    cipher.blindIndex(e.id() + "\u001f" + slot), pkg, slot, resources, examinee, now);
            bookings.insert(b);
            if (!calendar.take(slot, resources)) {
                s.setRollbackOnly();
                return null;
            }
            entitlements.booked(e.id(), consumer, b.id(), now);
            events.publish(Topics.BOOKING, BookingEvent.CONFIRMED, b.id(), BookingEvents.event(b, null, false, null));
            return b;
        });
        if (booked == null) {
            throw new BusinessException(ErrorCode.SOLD_OUT, fromShare
                    ? "The places set aside for campaign " + c.name() + " on " + date + " " + period + " are all booked; try another day"
                    : "No place left for " + pkg.name() + " at " + h.name() + " on " + date + " " + period);
        }
        if (!booked.slot().equals(slot)) {
            throw alreadyBooked(booked); // a concurrent attempt with the same code booked another day
        }
        log.info("Booked {} with entitlement {} of campaign {}{}", booked, e.id(), c.id(), fromShare ? " (from its share)" : "");
        return booked;
    }

    /** Booking again with a code already used: the same day and period is a repeat, another is a conflict. */
    private Booking repeatOrConflict(Entitlement e, Slot slot) {
        Booking b = bookings.find(e.bookingId()).orElseThrow();
        if (b.slot().equals(slot)) {
            return b;
        }
        throw alreadyBooked(b);
    }

    private static BusinessException alreadyBooked(Booking b) {
        return new BusinessException(ErrorCode.CONFLICT, "This code is already booked for " + b.slot().date() + " "
                + b.slot().period() + " (booking " + b.id() + "); cancel that booking to choose another day");
    }

    private Entitlement byCode(String typed, String consumer) {
        String code = EntitlementCode.normalise(typed);
        return (code == null ? java.util.Optional.<Entitlement>empty() : entitlements.entitlementByCode(code))
                .filter(e -> e.consumerId() == null || e.consumerId().equals(consumer))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No entitlement with code " + typed));
    }
}
