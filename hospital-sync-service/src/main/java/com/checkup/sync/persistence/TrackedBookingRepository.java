package com.checkup.sync.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.sync.domain.TrackedBooking;
import com.checkup.sync.domain.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Repository;

@Repository
public class TrackedBookingRepository {
    private final TrackedBookingMapper mapper;

    public TrackedBookingRepository(TrackedBookingMapper mapper) {
        this.mapper = mapper;
    }

    public void track(String bookingId, String hospitalId, LocalDate examDate, Instant now) {
        mapper.track(bookingId, hospitalId, examDate, utc(now));
    }

    public void cancelled(String bookingId, Instant now) {
        mapper.cancelled(bookingId, utc(now));
    }

    /**
     * Claims up to {@code limit} bookings of the hospitals {@code tier} serves, due for a pull, exam day between
     * {@code since} and {@code until}.
     */
    public List<TrackedBooking> claimDue(Instant now, LocalDate since, LocalDate until, int limit, Duration lease, Tier tier) {
        List<TrackedBooking> out = new ArrayList<>();
        for (String id : mapper.due(utc(now), until, since, limit, HospitalScope.only(tier), HospitalScope.except(tier))) {
            if (mapper.claim(id, utc(now), utc(now.plus(lease))) == 1) {
                TrackedBookingRow r = mapper.find(id);
                out.add(new TrackedBooking(r.bookingId, r.hospitalId, r.examDate, r.hospitalState));
            }
        }
        return out;
    }

    /** Records the state (after its effects) and when to pull next; {@code error} says why the last pull failed. */
    public void save(TrackedBooking b, Instant nextPullAt, String error, Instant now) {
        mapper.save(b.bookingId(), b.hospitalState(), utc(nextPullAt), error, utc(now));
    }

}
