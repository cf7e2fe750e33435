package com.checkup.sync.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.platform.work.Lease;
import com.checkup.platform.work.LeaseTable;
import com.checkup.sync.domain.Tier;
import com.checkup.sync.domain.TrackedBooking;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * Bookings whose status is pulled back from the hospital's system; those due for a pull are leased work
 * ({@link LeaseTable}) of the hospitals this copy serves ({@link Tier}).
 */
@Repository
public class TrackedBookingRepository extends LeaseTable<String, TrackedBookingRow, TrackedBooking> {
    private final TrackedBookingMapper mapper;
    private final Tier tier;

    public TrackedBookingRepository(TrackedBookingMapper mapper, Tier tier) {
        this.mapper = mapper;
        this.tier = tier;
    }

    public void track(String bookingId, String hospitalId, LocalDate examDate, Instant now) {
        mapper.track(bookingId, hospitalId, examDate, utc(TrackedBooking.firstPull(examDate, now)), utc(now));
    }

    public void cancelled(String bookingId, Instant now) {
        mapper.cancelled(bookingId, utc(now));
    }

    /**
     * Due for a pull: still in progress, exam day between {@link TrackedBooking#FOLLOW_FOR} ago and tomorrow, in UTC
     * days (a day early, so every hospital zone's exam day is covered; a pull before the day is only wasted).
     */
    @Override
    protected List<String> dueIds(LocalDateTime now, int limit) {
        LocalDate today = now.toLocalDate();
        return mapper.due(now, today.plusDays(1), today.minus(TrackedBooking.FOLLOW_FOR), limit, HospitalScope.only(tier),
                HospitalScope.except(tier));
    }

    @Override
    protected int claimIds(List<String> ids, String token, LocalDateTime now, LocalDateTime leaseEnd) {
        return mapper.claim(ids, token, now, leaseEnd);
    }

    @Override
    protected List<TrackedBookingRow> claimedRows(List<String> ids, String token) {
        return mapper.claimed(ids, token);
    }

    @Override
    protected String keyOf(TrackedBookingRow r) {
        return r.bookingId;
    }

    @Override
    protected TrackedBooking item(TrackedBookingRow r) {
        return new TrackedBooking(r.bookingId, r.hospitalId, r.examDate, r.hospitalState);
    }

    /**
     * Records the state (after its effects) and when to pull next, while the claim is ours; {@code error} says why the
     * last pull failed. False when the claim lapsed (another pull has the booking now).
     */
    public boolean save(Lease<TrackedBooking> claim, Instant nextPullAt, String error, Instant now) {
        TrackedBooking b = claim.item();
        return mapper.save(b.bookingId(), claim.token(), b.hospitalState(), utc(b.nextPull(nextPullAt)), error,
                utc(now)) == 1;
    }
}
