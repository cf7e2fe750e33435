package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.CheckInCode;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.CapacityChange;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.events.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The desk's use cases, each scoped to the calling desk's hospital: today's arrivals, check-in, capacity edits; and
 * the day-end no-show marking. State changes and their events commit together.
 */
@Service
public class DeskCommands {
    static final Set<BookingStatus> ARRIVAL_STATES = EnumSet.of(BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN,
            BookingStatus.COMPLETED, BookingStatus.NO_SHOW);
    private static final int MAX_ARRIVALS = 2000;
    private static final int MAX_TOTAL = 10_000;
    private static final Logger log = LoggerFactory.getLogger(DeskCommands.class);

    private final BookingRepository bookings;
    private final CapacityCalendar calendar;
    private final CatalogueQueries catalogue;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DeskCommands(BookingRepository bookings, CapacityCalendar calendar, CatalogueQueries catalogue,
                        EventPublisher events, TransactionTemplate tx, Clock clock) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Hospital hospital() {
        return catalogue.hospital(BookingAccess.deskHospital());
    }

    public List<Booking> arrivals(String date) {
        Hospital h = catalogue.hospital(BookingAccess.deskHospital());
        LocalDate day = date == null || date.isBlank() ? h.today(clock.instant()) : day(date);
        return bookings.onDay(h.id(), day, ARRIVAL_STATES, MAX_ARRIVALS);
    }

    /** One booking of the desk's hospital, by id or by today's check-in code; another hospital's is NOT_FOUND. */
    public Booking booking(String bookingIdOrCode) {
        String hospital = BookingAccess.deskHospital();
        String id = resolve(hospital, CatalogueQueries.required("bookingId", bookingIdOrCode), clock.instant());
        return bookings.find(id).filter(x -> x.hospitalId().equals(hospital))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No booking " + id + " at this hospital"));
    }

    /**
     * The report is there (fulfillment-service's {@code report.ready}): CHECKED_IN → COMPLETED with its event. A
     * booking in another state is logged and left (the report is stored either way).
     */
    public void reportReady(String bookingId) {
        tx.executeWithoutResult(s -> bookings.find(bookingId).ifPresentOrElse(b -> {
            try {
                if (b.complete(clock.instant())) {
                    bookings.update(b);
                    events.publish(Topics.BOOKING, BookingEvent.COMPLETED, b.id(), BookingEvents.event(b, null, false, null));
                    log.info("Completed {}", b);
                }
            } catch (BusinessException e) {
                log.warn("Report for {} ignored: {}", bookingId, e.getMessage());
            }
        }, () -> log.warn("Report for unknown booking {} ignored", bookingId)));
    }

    private String resolve(String hospital, String input, Instant now) {
        String code = CheckInCode.normalise(input);
        return code == null ? input : byCode(hospital, catalogue.hospital(hospital).today(now), code);
    }

    /** Check-in by booking id, or by the examinee's check-in code (resolved among the hospital's bookings of today). */
    public Booking checkIn(String bookingIdOrCode) {
        String hospital = BookingAccess.deskHospital();
        Instant now = clock.instant();
        String id = resolve(hospital, CatalogueQueries.required("bookingId", bookingIdOrCode), now);
        return tx.execute(s -> {
            // Another hospital's booking looks like a missing one: a desk learns nothing about other hospitals.
            Booking b = bookings.find(id).filter(x -> x.hospitalId().equals(hospital))
                    .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No booking " + id + " at this hospital"));
            checkIn(b, now, "desk");
            return b;
        });
    }

    /**
     * The hospital's own system reports the examinee arrived (relayed by hospital-sync as SYSTEM): the same check-in
     * as the desk's; a booking already checked in or completed is left as it is.
     */
    public Booking checkedInAtHospital(String bookingId) {
        BookingAccess.system();
        String id = CatalogueQueries.required("bookingId", bookingId);
        Instant now = clock.instant();
        return tx.execute(s -> {
            Booking b = bookings.find(id)
                    .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No booking " + id));
            if (b.status() != BookingStatus.COMPLETED) {
                checkIn(b, now, "hospital system");
            }
            return b;
        });
    }

    private void checkIn(Booking b, Instant now, String by) {
        if (b.checkIn(catalogue.hospital(b.hospitalId()).today(now), now)) {
            bookings.update(b);
            events.publish(Topics.BOOKING, BookingEvent.CHECKED_IN, b.id(), BookingEvents.event(b, null, false, null));
            log.info("Checked in {} (by the {})", b, by);
        }
    }

    private String byCode(String hospital, LocalDate today, String code) {
        List<String> ids = bookings.onDay(hospital, today, ARRIVAL_STATES, MAX_ARRIVALS).stream()
                .map(Booking::id).filter(id -> CheckInCode.of(id).equals(code)).toList();
        if (ids.isEmpty()) {
            throw new BusinessException(ErrorCode.NOT_FOUND, "No booking with code " + code + " at this hospital today");
        }
        if (ids.size() > 1) {
            throw new BusinessException(ErrorCode.CONFLICT, "Code " + code + " matches several bookings today; use the booking id");
        }
        return ids.get(0);
    }

    public List<CapacityCalendar.SlotCount> capacity(String date) {
        Hospital h = catalogue.hospital(BookingAccess.deskHospital());
        return calendar.day(h.id(), date == null || date.isBlank() ? h.today(clock.instant()) : day(date));
    }

    public List<CapacityCalendar.SlotCount> setCapacity(CapacityChange change) {
        Hospital h = catalogue.hospital(BookingAccess.deskHospital());
        if (change == null) {
            throw invalid("A capacity change is required");
        }
        LocalDate day = day(change.getDate());
        if (day.isBefore(h.today(clock.instant()))) {
            throw invalid("Capacity of a past day (" + day + ") cannot change");
        }
        Period period;
        try {
            period = Period.valueOf(CatalogueQueries.required("period", change.getPeriod()));
        } catch (IllegalArgumentException e) {
            throw invalid("period must be MORNING or AFTERNOON");
        }
        Map<String, Integer> totals = change.getTotals();
        if (totals == null || totals.isEmpty()) {
            throw invalid("totals must name at least one resource (TOTAL, CT, ...)");
        }
        for (Map.Entry<String, Integer> t : totals.entrySet()) {
            if (t.getKey() == null || !t.getKey().matches("[A-Z][A-Z0-9_]{0,31}")) {
                throw invalid("Bad resource name '" + t.getKey() + "' (upper case, e.g. TOTAL or CT)");
            }
            if (t.getValue() == null || t.getValue() < 0 || t.getValue() > MAX_TOTAL) {
                throw invalid("The total of " + t.getKey() + " must be 0.." + MAX_TOTAL);
            }
        }
        Slot slot = new Slot(h.id(), day, period);
        tx.executeWithoutResult(s -> {
            for (Map.Entry<String, Integer> t : totals.entrySet()) {
                int booked = calendar.setTotal(slot, t.getKey(), t.getValue());
                if (booked >= 0) {
                    s.setRollbackOnly();
                    throw new BusinessException(ErrorCode.CONFLICT, t.getKey() + " on " + day + " " + period + " has " + booked
                            + " booked; its total cannot go below that");
                }
            }
        });
        log.info("Capacity of {} set to {}", slot, totals);
        return calendar.day(h.id(), day);
    }

    /**
     * Marks CONFIRMED bookings of days that are over (in each hospital's time zone) NO_SHOW, in batches, each with its
     * event. Returns how many were marked.
     */
    public int markNoShows() {
        int marked = 0;
        Instant now = clock.instant();
        for (Hospital h : catalogue.hospitals()) {
            LocalDate today = h.today(now);
            for (String id : bookings.confirmedBefore(h.id(), today, 500)) {
                Boolean changed = tx.execute(s -> bookings.find(id).filter(b -> b.markNoShow(today, now)).map(b -> {
                    bookings.update(b);
                    events.publish(Topics.BOOKING, BookingEvent.NO_SHOW, b.id(), BookingEvents.event(b, null, false, null));
                    return true;
                }).orElse(false));
                if (Boolean.TRUE.equals(changed)) {
                    marked++;
                }
            }
        }
        if (marked > 0) {
            log.info("Marked {} bookings NO_SHOW", marked);
        }
        return marked;
    }

    private static LocalDate day(String date) {
        try {
            return LocalDate.parse(CatalogueQueries.required("date", date));
        } catch (DateTimeParseException e) {
            throw invalid("date must be an ISO date (yyyy-MM-dd)");
        }
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }
}
