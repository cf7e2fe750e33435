package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.HoldWrites;
import com.checkup.contracts.error.BusinessException;
import com.checkup.platform.batch.Combiner;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.events.BatchedReminders;
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
import org.springframework.stereotype.Component;

/**
 * Writes new holds: the booking row and its places ({@link HoldWrites}), then, once committed, its expiry reminder and
 * its order. A hold on a quiet slot is written alone. Holds that arrive together on one hot slot are combined
 * ({@link Combiner}): one transaction inserts them all and takes their places with one conditional update, instead of
 * each transaction queueing for the slot's row lock in turn.
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

    private final HoldWrites writes;
    private final BatchedReminders reminders;
    private final HoldOrders orders;
    private final Combiner<Slot, NewHold, Outcome> combiner;

    public HoldWriter(HoldWrites writes, BatchedReminders reminders, HoldOrders orders,
                      @Value("${checkup.booking.hold-batch-max:32}") int maxBatch) {
        this.writes = writes;
        this.reminders = reminders;
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
     * their next holds, then, per lane (a tester's lane reaches its own booking- and order-service), one expiry reminder
     * for the lane's holds and one call creating their orders, a lone hold's in its caller's trace; a hold whose order
     * could not be created answers UNAVAILABLE. Nothing here may take away another hold's answer: each lane's failure
     * stays its own.
     */
    private void afterCommit(List<Combiner.Entry<NewHold, Outcome>> batch) {
        batch.forEach(e -> e.work().written().run());
        Map<String, List<Combiner.Entry<NewHold, Outcome>>> byLane = new LinkedHashMap<>();
        for (Combiner.Entry<NewHold, Outcome> e : batch) {
            if (e.value() == Outcome.HELD) {
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
                remind(bookingsHeld);
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

    /**
     * Writes the batch in one transaction, or returns false to have each hold written alone. Holds of consumers at their
     * cap are left out and refused, and the others written together once more; when the places cannot all be taken (the
     * slot is nearly sold out) or an idempotency key repeats, each hold alone decides which.
     */
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
        List<Combiner.Entry<NewHold, Outcome>> written = new ArrayList<>(batch);
        List<Combiner.Entry<NewHold, Outcome>> refused = new ArrayList<>();
        for (int attempt = 0; attempt < 2 && !written.isEmpty(); attempt++) {
            List<Combiner.Entry<NewHold, Outcome>> trying = written;
            HoldWrites.Attempt found;
            try {
                found = writes.write(trying.stream().map(e -> e.work().booking()).toList(), now,
                        f -> f.placesTaken() && overCap(trying, f).isEmpty());
            } catch (RuntimeException e) {
                // A repeated idempotency key among them, a lock conflict, a failed commit: each one alone tells which.
                log.debug("Combined write of {} holds on {} failed, writing them one by one: {}", trying.size(),
                        trying.get(0).work().booking().slot(), e.toString());
                return false;
            }
            if (!found.placesTaken()) {
                return false;
            }
            List<Combiner.Entry<NewHold, Outcome>> over = overCap(trying, found);
            if (over.isEmpty()) {
                transactions.incrementAndGet();
                holds.addAndGet(trying.size());
                combinedHolds.addAndGet(trying.size());
                trying.forEach(e -> e.complete(Outcome.HELD));
                refused.forEach(e -> e.complete(Outcome.TOO_MANY_HOLDS));
                return true;
            }
            refused.addAll(over);
            written = new ArrayList<>(trying);
            written.removeAll(over);
        }
        if (written.isEmpty()) {
            refused.forEach(e -> e.complete(Outcome.TOO_MANY_HOLDS));
            return true;
        }
        return false;
    }

    /** The holds whose consumers would be over their cap with them (the count includes them). */
    private static List<Combiner.Entry<NewHold, Outcome>> overCap(List<Combiner.Entry<NewHold, Outcome>> holds,
                                                                 HoldWrites.Attempt found) {
        return holds.stream().filter(e -> found.liveHolds(e.work().booking().consumerId()) > e.work().maxUnpaid()).toList();
    }

    private Outcome writeAlone(NewHold h) {
        try (CallContextHolder.Scope ignored = bind(h)) {
            Booking b = h.booking();
            HoldWrites.Attempt found = writes.write(List.of(b), b.createdAt(),
                    f -> f.placesTaken() && f.liveHolds(b.consumerId()) <= h.maxUnpaid());
            if (found.liveHolds(b.consumerId()) > h.maxUnpaid()) {
                return Outcome.TOO_MANY_HOLDS;
            }
            if (!found.placesTaken()) {
                return Outcome.SOLD_OUT; // rolled back: the booking goes too
            }
            transactions.incrementAndGet();
            holds.incrementAndGet();
            return Outcome.HELD;
        }
    }

    /**
     * The expiry is a reminder, not an outbox event: the HELD rows and their expiry times are the durable record, and
     * {@link ExpirySweep} ends any hold whose reminder was lost. Holds asked for within a few milliseconds of each
     * other, in one lane, share one reminder, due when the last of them ends ({@code holdReminders} in BookingConfig).
     * Asked for once committed, in the current context (lane, trace).
     */
    private void remind(List<Booking> held) {
        List<String> ids = held.stream().map(Booking::id).toList();
        Instant due = held.stream().map(Booking::holdExpiresAt).max(Instant::compareTo).orElseThrow();
        try {
            reminders.remindAt(ids, due);
        } catch (RuntimeException e) {
            // Best effort: the holds are committed and the sweep ends them if they are never paid.
            log.warn("Expiry reminder for bookings {} not sent, the sweep will end them: {}", ids, e.toString());
        }
    }

    /** The hold's caller's context (none is none: not the context of the thread that writes the batch). */
    private static CallContextHolder.Scope bind(NewHold h) {
        return CallContextHolder.bind(h.context());
    }
}
