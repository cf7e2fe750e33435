package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.ExamineeInput;
import com.checkup.contracts.booking.HoldRequest;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.order.OrderService;
import com.checkup.platform.privacy.FieldCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A consumer holds a place: the booking and its capacity commit together; the expiry reminder is sent and the order
 * created after the commit ({@link HoldWriter}, {@link HoldOrders}). A repeat with the same idempotency key returns the same
 * booking (and finishes creating its order if an earlier attempt could not); a different request with that key is
 * refused.
 */
@Service
public class Holds {
    private static final Logger log = LoggerFactory.getLogger(Holds.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern PHONE_PREFIX = Pattern.compile("^\\+86");

    private final BookingRepository bookings;
    private final CapacityCalendar calendar;
    private final CatalogueQueries catalogue;
    private final BookingPolicies policies;
    private final HoldOrders orders;
    private final HoldWriter writer;
    /** A lock per consumer (striped: a bounded set of monitors) around counting and writing their holds. */
    private final HoldLocks holdLocks = new HoldLocks();
    private final FieldCipher cipher;
    private final Clock clock;

    public Holds(BookingRepository bookings, CapacityCalendar calendar, CatalogueQueries catalogue, BookingPolicies policies,
                 HoldOrders orders, HoldWriter writer, FieldCipher cipher, Clock clock) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.policies = policies;
        this.orders = orders;
        this.writer = writer;
        this.cipher = cipher;
        this.clock = clock;
    }

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
            policies.checkBookable(h, date, now);
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
        // account cannot each pass the cap. The consumer is freed once the hold is committed, not after its order call:
        // a slow order-service must not hold up other consumers that share the stripe.
        int max = policies.maxUnpaidHolds(h.id());
        HoldWriter.Outcome outcome;
        Runnable written = holdLocks.acquire(consumer);
        try {
            outcome = writer.write(held, max, written); // and its order created, or UNAVAILABLE
        } catch (DuplicateKeyException repeat) {
            outcome = null;
        } finally {
            written.run();
        }
        if (outcome == null) {
            // The key was used before, or by a concurrent request that won (its insert is committed): a repeat.
            return replay(bookings.findByIdempotencyKey(consumer, key).orElseThrow(), fingerprint);
        }
        if (outcome == HoldWriter.Outcome.TOO_MANY_HOLDS) {
            var earlier = bookings.findByIdempotencyKey(consumer, key);
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint);
            }
            throw new BusinessException(ErrorCode.TOO_MANY_HOLDS, "You have as many unpaid bookings as allowed ("
                    + max + "): pay or cancel one before holding another place");
        }
        if (outcome == HoldWriter.Outcome.SOLD_OUT) {
            throw SoldOut.explain(calendar, slot, pkg.resources());
        }
        log.info("Held {} ({} {}) for {} until {}", held.id(), slot, pkg.id(), consumer, expiresAt);
        return held;
    }

    private Booking replay(Booking earlier, String fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new BusinessException(ErrorCode.IDEMPOTENCY_CONFLICT, "This Idempotency-Key was already used for"
                    + " booking " + earlier.id() + " with different details; use a new key for a new booking");
        }
        // A repeat may follow a hold whose order could not be created: creating again is a no-op when it exists.
        return earlier.status() == BookingStatus.HELD ? orders.create(earlier) : earlier;
    }

    private static String idempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw invalid("Idempotency-Key is required: a unique value per booking attempt, repeated on retries");
        }
        String k = key.trim();
        if (!KEY.matcher(k).matches()) {
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
                PHONE_PREFIX.matcher(PHONE_SEPARATORS.matcher(norm(e.getPhone())).replaceAll("")).replaceFirst(""));
        return cipher.blindIndex(canonical);
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip();
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }

    /**
     * Striped locks by consumer: the same consumer always maps to the same one; memory stays bounded. Semaphores, not
     * monitors: the thread that writes a combined batch frees each of its consumers once it is committed.
     */
    static final class HoldLocks {
        private final Semaphore[] stripes = new Semaphore[256];

        HoldLocks() {
            for (int i = 0; i < stripes.length; i++) {
                stripes[i] = new Semaphore(1);
            }
        }

        /** Waits for the consumer's stripe; the returned release may be run by any thread, any number of times. */
        Runnable acquire(String consumer) {
            Semaphore stripe = stripes[Math.floorMod(consumer.hashCode(), stripes.length)];
            stripe.acquireUninterruptibly();
            AtomicBoolean released = new AtomicBoolean();
            return () -> {
                if (released.compareAndSet(false, true)) {
                    stripe.release();
                }
            };
        }
    }
}
