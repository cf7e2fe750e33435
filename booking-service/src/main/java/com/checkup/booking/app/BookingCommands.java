package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CampaignRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.ExamineeInput;
import com.checkup.contracts.booking.HoldRequest;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.platform.events.EventPublisher;
import com.checkup.platform.privacy.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking use cases. Each state change, its capacity change and its events commit in one transaction; calls to other
 * services happen outside it. order-service decides races between paying and expiring/cancelling: a hold is only
 * expired or cancelled unpaid after its order was closed, and an order that got paid first confirms the booking.
 */
@Service
public class BookingCommands {
    /** Delayed message on {@link Topics#BOOKING_TIMERS} that ends an unpaid hold. */
    public static final String HOLD_DUE = "booking.hold-due";
    /** Holds one sweep pass looks at. */
    public static final int SWEEP_PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(BookingCommands.class);

    private final BookingRepository bookings;
    private final CapacityCalendar calendar;
    private final CatalogueQueries catalogue;
    private final BookingPolicies policies;
    private final Orders orders;
    private final RefundRequests refunds;
    private final EventPublisher events;
    private final HoldWriter writer;
    /** A lock per consumer (striped: a bounded set of monitors) around counting and writing their holds. */
    private final HoldLocks holdLocks = new HoldLocks();
    private final FieldCipher cipher;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final CampaignRepository campaigns;
    private final Clock clock;

    public BookingCommands(BookingRepository bookings, CapacityCalendar calendar, CatalogueQueries catalogue,
                           BookingPolicies policies, Orders orders, RefundRequests refunds, EventPublisher events,
                           HoldWriter writer, FieldCipher cipher, TransactionTemplate tx, JdbcTemplate jdbc,
                           CampaignRepository campaigns, Clock clock) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.policies = policies;
        this.orders = orders;
        this.refunds = refunds;
        this.events = events;
        this.writer = writer;
        this.cipher = cipher;
        this.tx = tx;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- hold

    /**
     * Holds a place and creates the order. A repeat with the same idempotency key returns the same booking (and
     * finishes creating its order if an earlier attempt could not); a different request with that key is refused.
     */
    public Booking hold(HoldRequest req) {
        String consumer = BookingAccess.consumer();
        if (req == null) {
            throw invalid("request is required");
        }
        String key = idempotencyKey(req.getIdempotencyKey());
        String fingerprint = fingerprint(req);

        // A repeat is recognised by the unique (consumer, key) insert below, which costs nothing extra on the common
        // path; only when validation fails is an earlier booking looked up (its date may have passed since).
        Hospital h;
        CheckupPackage pkg;
        LocalDate date;
        Period period;
        Examinee examinee;
        Instant now = clock.instant();
        try {
            h = catalogue.hospital(req.getHospitalId());
            pkg = catalogue.packageOf(h, req.getPackageId());
            date = CatalogueQueries.date("date", req.getDate());
            period = Period.parse(req.getPeriod());
            checkInWindow(h, date, now);
            examinee = Examinee.of(req.getExaminee(), h.today(now));
            pkg.checkEligible(examinee, date);
        } catch (BusinessException invalid) {
            var earlier = bookings.findByIdempotencyKey(consumer, key);
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint);
            }
            throw invalid;
        }

        Slot slot = new Slot(h.id(), date, period);
        Instant expiresAt = now.plus(policies.holdExpiry(h.id()));
        Booking held = Booking.hold("B" + UUID.randomUUID().toString().replace("-", ""), consumer, key, fingerprint, pkg,
                slot, examinee, expiresAt, now);
        // The order's id follows from the booking's: recorded now, so nothing is written again once it exists.
        held.attachOrder(OrderService.orderIdOf(held.id()));
        // No booking.held event: order.created (same moment) already tells the world a place awaits payment.
        // One consumer's holds are counted and written one at a time (in this instance), so concurrent requests of one
        // account cannot each pass the cap.
        synchronized (holdLocks.get(consumer)) {
            int live = bookings.liveHolds(consumer, now);
            int max = policies.maxUnpaidHolds(h.id());
            if (live >= max) {
                var earlier = bookings.findByIdempotencyKey(consumer, key);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), fingerprint);
                }
                throw new BusinessException(ErrorCode.TOO_MANY_HOLDS, "You already have " + live
                        + " unpaid bookings (at most " + max + "): pay or cancel one before holding another place");
            }
            try {
                if (writer.write(held) == HoldWriter.Outcome.SOLD_OUT) {
                    throw soldOut(slot, pkg.resources());
                }
            } catch (DuplicateKeyException repeat) {
                // The key was used before, or by a concurrent request that won (its insert is committed): a repeat.
                return replay(bookings.findByIdempotencyKey(consumer, key).orElseThrow(), fingerprint);
            }
        }
        log.info("Held {} ({} {}) for {} until {}", held.id(), slot, pkg.id(), consumer, expiresAt);
        return withOrder(held);
    }

    private Booking replay(Booking earlier, String fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new BusinessException(ErrorCode.IDEMPOTENCY_CONFLICT, "This Idempotency-Key was already used for"
                    + " booking " + earlier.id() + " with different details; use a new key for a new booking");
        }
        // A repeat may follow a hold whose order could not be created: creating again is a no-op when it exists.
        return earlier.status() == BookingStatus.HELD ? withOrder(earlier) : earlier;
    }

    /** Creates the held booking's order (order-service is idempotent per booking). */
    private Booking withOrder(Booking b) {
        OrderView o;
        try {
            o = orders.create(orderRequest(b));
        } catch (RuntimeException e) {
            log.warn("Order for booking {} not created yet: {}", b.id(), e.toString());
            throw new BusinessException(ErrorCode.UNAVAILABLE, "Your place is held (booking " + b.id()
                    + "), but its order could not be created just now; repeat the request with the same Idempotency-Key");
        }
        if (b.orderId() == null) {
            // Held before order ids followed from booking ids: record the order now.
            jdbc.update("UPDATE booking SET order_id = ?, version = version + 1 WHERE id = ? AND order_id IS NULL",
                    o.getOrderId(), b.id());
            b.attachOrder(o.getOrderId());
        }
        return b;
    }

    // ---------------------------------------------------------------- reads

    public Booking get(String bookingId) {
        return load(bookingId);
    }

    public List<Booking> mine() {
        return bookings.ofConsumer(BookingAccess.consumer(), 100);
    }

    // ---------------------------------------------------------------- payment

    /** On {@code order.paid}: the booking is confirmed; a booking that ended meanwhile gets its payment back. */
    public void orderPaid(OrderEvent e) {
        Booking b = e.getBookingId() == null ? null : bookings.find(e.getBookingId()).orElse(null);
        if (b == null) {
            log.error("order.paid for order {} names booking {}, which does not exist: ignored", e.getOrderId(), e.getBookingId());
            return;
        }
        if (b.orderId() != null && !b.orderId().equals(e.getOrderId())) {
            log.error("order.paid for order {} but booking {} has order {}: ignored", e.getOrderId(), b.id(), b.orderId());
            return;
        }
        // An event carries no authority (anyone with broker access could publish one): order-service says if it is paid.
        OrderView order = orders.get(e.getOrderId());
        if (order.getStatus() != OrderStatus.PAID || !b.id().equals(order.getBookingId())) {
            log.error("order.paid for order {} of booking {}, but order-service has it {} for booking {}: ignored",
                    e.getOrderId(), b.id(), order.getStatus(), order.getBookingId());
            return;
        }
        if (b.orderId() == null) {
            b.attachOrder(e.getOrderId());
        }
        Instant now = clock.instant();
        switch (b.confirm(now)) {
            case CONFIRMED -> tx.executeWithoutResult(s -> {
                bookings.update(b);
                publish(BookingEvent.CONFIRMED, b, null, false, null);
                log.info("Confirmed {}", b);
            });
            case ALREADY_CONFIRMED -> log.info("Booking {} already confirmed", b.id());
            case NOT_BOOKABLE_ANY_MORE -> {
                log.warn("Order {} was paid but booking {} is {}: asking for a refund", e.getOrderId(), b.id(), b.status());
                refunds.refundIfPaid(e.getOrderId(), "BOOKING_" + b.status());
            }
        }
    }

    /**
     * On {@code booking.cancelled} asking for a refund: only when this service's own row says the booking is cancelled
     * and that order is its order (the event alone is no authority); the refund itself is asked only for a PAID order.
     */
    public void refundAfterCancel(BookingEvent e) {
        Booking b = e.getBookingId() == null ? null : bookings.find(e.getBookingId()).orElse(null);
        if (b == null || b.status() != BookingStatus.CANCELLED || b.orderId() == null || !b.orderId().equals(e.getOrderId())) {
            log.error("booking.cancelled asks a refund of order {} for booking {}, which is not a cancelled booking of that"
                    + " order here: ignored", e.getOrderId(), e.getBookingId());
            return;
        }
        refunds.refundIfPaid(b.orderId(), "BOOKING_CANCELLED");
    }

    // ---------------------------------------------------------------- expiry

    /**
     * Ends an unpaid hold (delayed message or the sweep). The order is closed first: if it was paid in the meantime
     * the hold stays and {@code order.paid} confirms it.
     */
    public void expire(String bookingId) {
        Booking b = bookings.find(bookingId).orElse(null);
        if (b == null || b.status() != BookingStatus.HELD) {
            return;
        }
        Instant now = clock.instant();
        if (b.holdExpiresAt() != null && now.isBefore(b.holdExpiresAt().minusSeconds(2))) {
            // Early delivery (clock skew between broker and service): let the broker deliver it again later.
            throw new IllegalStateException("Hold of " + b.id() + " ends at " + b.holdExpiresAt() + ", not yet");
        }
        if (!closeUnpaidOrder(b, "HOLD_EXPIRED")) {
            log.info("Hold of {} ran out but its order {} is paid: it will be confirmed", b.id(), b.orderId());
            return;
        }
        tx.executeWithoutResult(s -> {
            Booking fresh = bookings.find(bookingId).orElseThrow();
            if (fresh.expire(now)) {
                bookings.update(fresh);
                calendar.release(fresh.slot(), fresh.resources());
                publish(BookingEvent.EXPIRED, fresh, null, false, "HOLD_EXPIRED");
                log.info("Expired {}", fresh);
            }
        });
    }

    /**
     * Expires overdue holds whose reminder was lost (the process stopped right after the commit, the broker was away
     * or lost its data): one page, oldest first. Returns how many it dealt with; fewer than {@link #SWEEP_PAGE} means
     * none are left or one failed (the next sweep retries it).
     */
    public int sweepOverdueHolds(java.time.Duration grace) {
        List<String> due = bookings.overdueHolds(clock.instant().minus(grace), SWEEP_PAGE);
        int done = 0;
        for (String id : due) {
            try {
                expire(id);
                done++;
            } catch (RuntimeException e) {
                log.warn("Expiry of {} failed, next sweep retries: {}", id, e.toString());
            }
        }
        return done;
    }

    /**
     * Closes the booking's order unless it is paid; true when the booking may end unpaid. A booking without a recorded
     * order learns it first (create is idempotent per booking), so no order is left open.
     */
    private boolean closeUnpaidOrder(Booking b, String reason) {
        String orderId = b.orderId() != null ? b.orderId() : orders.create(orderRequest(b)).getOrderId();
        try {
            return closedOrPaid(orderId, reason);
        } catch (BusinessException e) {
            if (!ErrorCode.NOT_FOUND.name().equals(e.getCode())) {
                throw e;
            }
            // The hold's order was never created (order-service was away when it was held): create it to close it,
            // so that no open order for this booking can turn up later.
            orders.create(orderRequest(b));
            return closedOrPaid(orderId, reason);
        }
    }

    /** Closes the order unless it is paid; true when it is closed. */
    private boolean closedOrPaid(String orderId, String reason) {
        OrderView o;
        try {
            o = orders.close(orderId, reason);
        } catch (BusinessException e) {
            if (!ErrorCode.CONFLICT.name().equals(e.getCode())) {
                throw e;
            }
            o = orders.get(orderId);
        }
        return o.getStatus() == OrderStatus.CLOSED;
    }

    // ---------------------------------------------------------------- cancel

    /**
     * Cancels a held or confirmed booking. Unpaid: the order is closed and the place given back. Paid: only before the
     * hospital's change deadline; the place is given back and {@code booking.cancelled} asks for the refund.
     */
    public Booking cancel(String bookingId, String reason) {
        Booking.cancelReason(reason); // checked before anything changes elsewhere (the order is closed below)
        Booking b = load(bookingId);
        if (b.status() == BookingStatus.CANCELLED) {
            return b;
        }
        if (b.status() != BookingStatus.HELD && b.status() != BookingStatus.CONFIRMED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.id() + " is " + b.status() + " and cannot be cancelled");
        }
        Instant now = clock.instant();
        boolean paid = b.status() == BookingStatus.CONFIRMED || !closeUnpaidOrder(b, "CANCELLED");
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
                campaigns.bookingCancelled(fresh.id(), fresh.amountCents(), now);
                publish(BookingEvent.CANCELLED, fresh, null, refund, fresh.cancelReason());
                log.info("Cancelled {} ({}paid)", fresh, paid ? "" : "un");
            }
            return fresh;
        });
    }

    // ---------------------------------------------------------------- reschedule

    /** Moves a held or confirmed booking: the new place is taken before the old one is given back, in one transaction. */
    public Booking reschedule(String bookingId, String date, String period) {
        Booking b = load(bookingId);
        if (b.status() != BookingStatus.HELD && b.status() != BookingStatus.CONFIRMED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.id() + " is " + b.status() + " and cannot be rescheduled");
        }
        if (campaigns.campaignOfBooking(b.id()).isPresent()) {
            throw new BusinessException(ErrorCode.CONFLICT, "A company booking is moved by cancelling it and booking"
                    + " again with the entitlement code (the campaign's days and places apply)");
        }
        Hospital h = catalogue.hospital(b.hospitalId());
        Slot target = new Slot(h.id(), CatalogueQueries.date("date", date), Period.parse(period));
        if (target.equals(b.slot())) {
            return b;
        }
        Instant now = clock.instant();
        checkInWindow(h, target.date(), now);
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
            publish(BookingEvent.RESCHEDULED, fresh, old, false, null);
            log.info("Moved {} from {}", fresh, old);
            return fresh;
        });
        if (moved == null) {
            throw soldOut(target, b.resources());
        }
        return moved;
    }

    // ---------------------------------------------------------------- helpers

    /** A booking the caller may see: their own (ops and the system see all); others' are NOT_FOUND, not FORBIDDEN. */
    private Booking load(String bookingId) {
        String id = CatalogueQueries.required("bookingId", bookingId);
        var owner = BookingAccess.owner();
        return bookings.find(id).filter(b -> owner.isEmpty() || owner.get().equals(b.consumerId()))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No booking " + id));
    }

    private void checkInWindow(Hospital h, LocalDate date, Instant now) {
        LocalDate today = h.today(now);
        if (date.isBefore(today)) {
            throw invalid("date " + date + " is in the past (today is " + today + " in " + h.city() + ")");
        }
        int window = policies.bookingWindowDays(h.id());
        if (date.isAfter(today.plusDays(window))) {
            throw invalid("date " + date + " is too far ahead: " + h.name() + " takes bookings up to " + today.plusDays(window));
        }
    }

    private BusinessException soldOut(Slot slot, List<String> resources) {
        List<CapacityCalendar.SlotCount> rows = calendar.read(slot.hospitalId(), slot.date(), slot.date(), resources)
                .stream().filter(c -> c.period() == slot.period()).toList();
        if (rows.stream().noneMatch(c -> c.resource().equals(com.checkup.booking.domain.Resources.TOTAL))) {
            return new BusinessException(ErrorCode.SOLD_OUT, "No bookings are taken for " + slot);
        }
        for (String r : resources) {
            if (rows.stream().noneMatch(c -> c.resource().equals(r) && c.remaining() > 0)) {
                return new BusinessException(ErrorCode.SOLD_OUT, "No " + r + " place left for " + slot);
            }
        }
        return new BusinessException(ErrorCode.SOLD_OUT, "No place left for " + slot);
    }

    private static String idempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw invalid("Idempotency-Key is required: a unique value per booking attempt, repeated on retries");
        }
        String k = key.trim();
        if (!k.matches("[A-Za-z0-9._:-]{8,64}")) {
            throw invalid("Idempotency-Key must be 8 to 64 letters, digits or . _ : -");
        }
        return k;
    }

    /** A keyed hash of what was asked, normalised; it tells a true repeat from another request with the same key. */
    private String fingerprint(HoldRequest r) {
        ExamineeInput e = r.getExaminee() == null ? new ExamineeInput() : r.getExaminee();
        String canonical = String.join("\u001f", norm(r.getHospitalId()), norm(r.getPackageId()), norm(r.getDate()),
                norm(r.getPeriod()).toUpperCase(), norm(e.getName()), norm(e.getGender()).toUpperCase(),
                norm(e.getBirthDate()), norm(e.getIdNumber()).toUpperCase(),
                norm(e.getPhone()).replaceAll("[\\s-]", "").replaceFirst("^\\+86", ""));
        return cipher.blindIndex(canonical);
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip();
    }

    private static CreateOrderRequest orderRequest(Booking b) {
        return new CreateOrderRequest(b.id(), b.consumerId(), b.hospitalId(), b.packageId(), b.amountCents());
    }

    private void publish(String type, Booking b, Slot previous, boolean refundRequired, String reason) {
        events.publish(Topics.BOOKING, type, b.id(), event(b, previous, refundRequired, reason));
    }

    /** The event payload of a booking change (shared with the desk use cases). */
    static BookingEvent event(Booking b, Slot previous, boolean refundRequired, String reason) {
        BookingEvent e = new BookingEvent();
        e.setBookingId(b.id());
        e.setOrderId(b.orderId());
        e.setConsumerId(b.consumerId());
        e.setHospitalId(b.hospitalId());
        e.setPackageId(b.packageId());
        e.setDate(b.slot().date().toString());
        e.setPeriod(b.slot().period().name());
        e.setStatus(b.status());
        if (previous != null) {
            e.setPreviousDate(previous.date().toString());
            e.setPreviousPeriod(previous.period().name());
        }
        e.setRefundRequired(refundRequired);
        e.setReason(reason);
        return e;
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }

    /** Striped monitors by consumer: the same consumer always maps to the same one; memory stays bounded. */
    static final class HoldLocks {
        private final Object[] stripes = new Object[256];

        HoldLocks() {
            for (int i = 0; i < stripes.length; i++) {
                stripes[i] = new Object();
            }
        }

        Object get(String consumer) {
            return stripes[Math.floorMod(consumer.hashCode(), stripes.length)];
        }
    }
}
