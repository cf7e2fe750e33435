package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.batch.Combiner;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.events.Reminders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes new holds: the booking row and its places, then, once committed, its expiry reminder and its order. A hold
 * on a quiet slot is written alone. Holds that arrive together on one hot slot are combined ({@link Combiner}): one transaction inserts them all and takes
 * their places with one conditional update, instead of each transaction queueing for the slot's row lock in turn.
 * When a combined write cannot take them all (the slot is nearly sold out, an idempotency key repeats), it is rolled
 * back and every hold of the batch is written alone, so sold out and repeats are still decided hold by hold. The
 * orders of a batch's holds are created after its commit with one call per lane, once the slot is free for the next
 * batch (so a batch of holds costs one order call, not one per hold, and the next batch need not wait for it).
 */
@Component
public class HoldWriter {
    private static final Logger log = LoggerFactory.getLogger(HoldWriter.class);

    /**
     * What became of a hold; a repeated idempotency key is a {@link org.springframework.dao.DuplicateKeyException}.
     * TOO_MANY_HOLDS: its consumer already has as many unpaid holds as allowed (nothing was written).
     */
    public enum Outcome { HELD, SOLD_OUT, TOO_MANY_HOLDS }

    /**
     * @param maxUnpaid how many unpaid holds its consumer may have, this one included
     * @param written   run once the hold is committed or refused, before its order is created: frees its consumer for
     *                  the next hold (that hold's count sees this one), by whichever thread wrote the batch
     */
    private record NewHold(Booking booking, int maxUnpaid, CallContext context, Runnable written) {
    }

    /** Since start: transactions that wrote holds, holds written, and of those the ones written in combined batches. */
    public record Stats(long transactions, long holds, long combinedHolds) {
    }

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong holds = new AtomicLong();
    private final AtomicLong combinedHolds = new AtomicLong();

    private final BookingRepository bookings;
    private final CapacityCalendar calendar;
    private final Reminders reminders;
    private final TransactionTemplate tx;
    private final HoldOrders orders;
    private final Combiner<Slot, NewHold, Outcome> combiner;

    public HoldWriter(BookingRepository bookings, CapacityCalendar calendar, Reminders reminders, TransactionTemplate tx,
                      HoldOrders orders, @Value("${checkup.booking.hold-batch-max:32}") int maxBatch) {
        this.bookings = bookings;
        this.calendar = calendar;
        this.reminders = reminders;
        this.tx = tx;
        this.orders = orders;
        this.combiner = new Combiner<>(maxBatch, this::writeBatch, this::afterCommit);
    }

    /**
     * Writes a validated new hold unless its consumer already has {@code maxUnpaid} unpaid holds that have not expired,
     * and creates its order; returns once both are done (or it is refused). The caller keeps one consumer's holds from
     * being written concurrently (in this instance) until {@code written} runs, so the count cannot be raced. The count
     * is taken in the write's transaction: for a combined batch, one statement for all its consumers instead of one per
     * hold.
     *
     * @param written runs once the hold is committed or refused (before its order is created), possibly on another
     *                thread; it may run again afterwards
     * @throws com.checkup.contracts.error.BusinessException UNAVAILABLE when the hold is written but its order could not
     *                                                       be created (a repeat with the same key creates it)
     */
    public Outcome write(Booking held, int maxUnpaid, Runnable written) {
        return combiner.submit(held.slot(), new NewHold(held, maxUnpaid, CallContextHolder.current().orElse(null), written));
    }

    /** Holds waiting for the slot's next batch (for tests). */
    int queued(Slot slot) {
        return combiner.queued(slot);
    }

    public Stats stats() {
        return new Stats(transactions.get(), holds.get(), combinedHolds.get());
    }

    private void writeBatch(List<Combiner.Entry<NewHold, Outcome>> batch) {
        if (batch.size() > 1 && writeTogether(batch)) {
            return;
        }
        for (Combiner.Entry<NewHold, Outcome> e : batch) {
            try {
                e.complete(writeAlone(e.work()));
            } catch (RuntimeException failed) {
                e.fail(failed);
            }
        }
    }

    /**
     * After the commit, outside the slot (its next batch may be written meanwhile): the holds' consumers are freed for
     * their next holds, then come the expiry reminders of the holds written and their orders, one call per lane (a
     * tester's lane reaches its own order-service), a lone hold's in its caller's trace; a hold whose order could not be
     * created answers UNAVAILABLE. Nothing here may take away another hold's answer: each lane's failure stays its own.
     */
    private void afterCommit(List<Combiner.Entry<NewHold, Outcome>> batch) {
        batch.forEach(e -> e.work().written().run());
        Map<String, List<Combiner.Entry<NewHold, Outcome>>> byLane = new LinkedHashMap<>();
        for (Combiner.Entry<NewHold, Outcome> e : batch) {
            if (e.value() == Outcome.HELD) {
                remind(e.work());
                CallContext c = e.work().context();
                byLane.computeIfAbsent(c == null || c.lane() == null ? "" : c.lane(), l -> new ArrayList<>()).add(e);
            }
        }
        byLane.forEach((lane, held) -> {
            CallContext context = held.size() == 1 ? held.get(0).work().context()
                    : CallContext.newRoot().withLane(lane.isEmpty() ? null : lane);
            List<Booking> bookingsHeld = held.stream().map(e -> e.work().booking()).toList();
            Map<String, BusinessException> failed;
            try (CallContextHolder.Scope ignored = CallContextHolder.bind(context)) {
                failed = orders.createAll(bookingsHeld);
            } catch (RuntimeException unexpected) {
                failed = HoldOrders.allNotCreated(bookingsHeld, unexpected);
            }
            for (Combiner.Entry<NewHold, Outcome> e : held) {
                BusinessException notCreated = failed.get(e.work().booking().id());
                if (notCreated != null) {
                    e.fail(notCreated);
                }
            }
        });
    }

    private boolean writeTogether(List<Combiner.Entry<NewHold, Outcome>> batch) {
        Set<String> consumers = new HashSet<>();
        Instant earliest = batch.get(0).work().booking().createdAt();
        for (Combiner.Entry<NewHold, Outcome> e : batch) {
            Booking b = e.work().booking();
            if (!consumers.add(b.consumerId())) {
                return false; // one consumer twice: each counted after the other, alone
            }
            earliest = b.createdAt().isBefore(earliest) ? b.createdAt() : earliest;
        }
        Instant now = earliest; // the earliest: a hold ending in between still counts, never one too few
        // Decided in the transaction: holds of consumers at their cap are refused, the others written together.
        List<Combiner.Entry<NewHold, Outcome>> refused = new ArrayList<>();
        List<Combiner.Entry<NewHold, Outcome>> written = new ArrayList<>();
        try {
            boolean taken = Boolean.TRUE.equals(tx.execute(s -> {
                refused.clear();
                written.clear();
                Map<String, Integer> live = bookings.liveHolds(consumers, now);
                for (Combiner.Entry<NewHold, Outcome> e : batch) {
                    boolean atCap = live.getOrDefault(e.work().booking().consumerId(), 0) >= e.work().maxUnpaid();
                    (atCap ? refused : written).add(e);
                }
                if (written.isEmpty()) {
                    return true;
                }
                List<Booking> all = written.stream().map(e -> e.work().booking()).toList();
                bookings.insertAll(all);
                // Last, as for one hold: the slot's rows stay locked only from here to the commit.
                if (!calendar.takeAll(all.get(0).slot(), all.stream().map(Booking::resources).toList())) {
                    s.setRollbackOnly();
                    return false;
                }
                return true;
            }));
            if (taken) {
                if (!written.isEmpty()) {
                    transactions.incrementAndGet();
                    holds.addAndGet(written.size());
                    combinedHolds.addAndGet(written.size());
                }
                written.forEach(e -> e.complete(Outcome.HELD));
                refused.forEach(e -> e.complete(Outcome.TOO_MANY_HOLDS));
            }
            return taken;
        } catch (DataAccessException e) {
            // A repeated idempotency key among them (or a lock conflict): each one alone tells which.
            log.debug("Combined write of {} holds on {} failed, writing them one by one: {}", batch.size(),
                    batch.get(0).work().booking().slot(), e.toString());
            return false;
        }
    }

    private Outcome writeAlone(NewHold h) {
        try (CallContextHolder.Scope ignored = bind(h)) {
            Booking b = h.booking();
            Outcome outcome = tx.execute(s -> {
                if (bookings.liveHolds(b.consumerId(), b.createdAt()) >= h.maxUnpaid()) {
                    return Outcome.TOO_MANY_HOLDS;
                }
                bookings.insert(b);
                if (!calendar.take(b.slot(), b.resources())) {
                    s.setRollbackOnly(); // sold out: the booking goes too
                    return Outcome.SOLD_OUT;
                }
                return Outcome.HELD;
            });
            if (outcome != Outcome.HELD) {
                return outcome;
            }
            transactions.incrementAndGet();
            holds.incrementAndGet();
            return Outcome.HELD;
        }
    }

    /**
     * The expiry is a reminder, not an outbox event: the HELD row and its expiry time are the durable record, and
     * {@link ExpirySweep} ends any hold whose reminder was lost. Sent once committed (no transaction is active here, so
     * at once), in the caller's context (lane, trace), also when another caller's thread writes the batch.
     */
    private void remind(NewHold h) {
        try (CallContextHolder.Scope ignored = bind(h)) {
            Booking b = h.booking();
            reminders.remindAt(Topics.BOOKING_TIMERS, HoldExpiry.HOLD_DUE, b.id(),
                    BookingEvents.event(b, null, false, null), b.holdExpiresAt());
        } catch (RuntimeException e) {
            // Best effort: the hold is committed and the sweep ends it if it is never paid.
            log.warn("Expiry reminder for booking {} not sent, the sweep will end it: {}", h.booking().id(), e.toString());
        }
    }

    /** The hold's caller's context (none is none: not the context of the thread that writes the batch). */
    private static CallContextHolder.Scope bind(NewHold h) {
        return CallContextHolder.bind(h.context());
    }
}
