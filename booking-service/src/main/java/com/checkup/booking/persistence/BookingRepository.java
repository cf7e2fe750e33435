package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Gender;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.privacy.FieldCipher;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

/**
 * Bookings in MySQL. ID number and phone are encrypted here, on the way in, and decrypted on the way out, so no other
 * layer sees ciphertext or forgets to encrypt. Updates are conditional on the version read.
 */
@Repository
public class BookingRepository {
    /**
     * The hold path's two statements (the unpaid-hold count and the multi-row insert) are plain JDBC ({@link HoldWrites}
     * sends them in one round trip with the capacity update), the one exception to mappers in this service: through MyBatis (dynamic SQL, a reflective read of 22 fields a row) the hold
     * benchmark fell from 0.69 to 0.42 of the raw database limit (docs/benchmarks.md).
     */
    private static final String INSERT = "INSERT INTO booking (id, consumer_id, idempotency_key, request_fingerprint,"
            + " hospital_id, package_id, slot_date, period, resources, amount_cents, status, order_id, hold_expires_at,"
            + " examinee_name, examinee_gender, examinee_birth_date, id_number_enc, phone_enc, cancel_reason, version,"
            + " created_at, updated_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final BookingMapper mapper;
    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    public BookingRepository(BookingMapper mapper, JdbcTemplate jdbc, FieldCipher cipher) {
        this.mapper = mapper;
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Optional<Booking> find(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(this::fromRow);
    }

    public Optional<Booking> findByIdempotencyKey(String consumerId, String key) {
        return Optional.ofNullable(mapper.selectByIdempotencyKey(consumerId, key)).map(this::fromRow);
    }

    /**
     * The statement counting the unpaid holds of each of these consumers that have not expired at {@code now} (one
     * without any is absent from its rows): the hold path's cap ({@link HoldWrites}).
     */
    SqlStatement liveHoldsStatement(Collection<String> consumerIds, Instant now) {
        List<Object> args = new ArrayList<>(consumerIds);
        args.add(utc(now));
        return new SqlStatement("SELECT consumer_id, COUNT(*) FROM booking WHERE consumer_id IN (" + marks(consumerIds.size())
                + ") AND status = 'HELD' AND hold_expires_at > ? GROUP BY consumer_id", args);
    }

    public List<Booking> ofConsumer(String consumerId, int limit) {
        return mapper.ofConsumer(consumerId, limit).stream().map(this::fromRow).toList();
    }

    /** Ids of HELD bookings whose hold ended before {@code before} (the expiry sweep). */
    public List<String> overdueHolds(Instant before, int limit) {
        return mapper.overdueHolds(utc(before), limit);
    }

    /** A hospital's bookings on a day in the given states (the desk's arrivals). */
    public List<Booking> onDay(String hospitalId, LocalDate day, Collection<BookingStatus> states, int limit) {
        return mapper.onDay(hospitalId, day, states.stream().map(Enum::name).toList(), limit).stream().map(this::fromRow).toList();
    }

    /** Ids of a hospital's CONFIRMED bookings for days before {@code day} (not checked in: no-shows). */
    public List<String> confirmedBefore(String hospitalId, LocalDate day, int limit) {
        return mapper.confirmedBefore(hospitalId, day, limit);
    }

    /** Inserts a new booking; the same consumer and idempotency key twice fails (DuplicateKeyException). */
    public void insert(Booking b) {
        SqlStatement insert = insertStatement(List.of(b));
        jdbc.update(insert.sql(), insert.args().toArray());
    }

    /** The statement inserting new bookings, several in one (holds combined on a hot slot). */
    SqlStatement insertStatement(List<Booking> all) {
        List<Object> args = new ArrayList<>(all.size() * 22);
        for (Booking b : all) {
            Examinee e = b.examinee();
            Collections.addAll(args, b.id(), b.consumerId(), b.idempotencyKey(), b.fingerprint(), b.hospitalId(),
                    b.packageId(), b.slot().date(), b.slot().period().name(), Resources.join(b.resources()),
                    b.amountCents(), b.status().name(), new SqlParameterValue(Types.VARCHAR, b.orderId()),
                    new SqlParameterValue(Types.TIMESTAMP, b.holdExpiresAt() == null ? null : utc(b.holdExpiresAt())),
                    e.name(), e.gender().name(), e.birthDate(), cipher.encrypt(e.idNumber()), cipher.encrypt(e.phone()),
                    new SqlParameterValue(Types.VARCHAR, b.cancelReason()), b.version(), utc(b.createdAt()),
                    utc(b.updatedAt()));
        }
        return new SqlStatement(INSERT + String.join(", ", Collections.nCopies(all.size(), ROW)), args);
    }

    /** Writes the booking's new state if nobody changed it since it was read; otherwise a retryable CONFLICT. */
    public void update(Booking b) {
        int n = mapper.updateState(b.id(), b.version(), b.status().name(), b.orderId(), b.slot().date(),
                b.slot().period().name(), b.holdExpiresAt() == null ? null : utc(b.holdExpiresAt()), b.cancelReason(),
                utc(b.updatedAt()));
        if (n != 1) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.id() + " was changed concurrently; try again");
        }
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private Booking fromRow(BookingRow r) {
        Examinee e = new Examinee(r.examineeName, Gender.valueOf(r.examineeGender), r.examineeBirthDate,
                cipher.decrypt(r.idNumberEnc), cipher.decrypt(r.phoneEnc));
        return Booking.restore(r.id, r.consumerId, r.idempotencyKey, r.requestFingerprint,
                r.hospitalId, r.packageId, new Slot(r.hospitalId, r.slotDate, Period.valueOf(r.period)),
                Resources.split(r.resources), r.amountCents, BookingStatus.valueOf(r.status), r.orderId,
                r.holdExpiresAt == null ? null : instant(r.holdExpiresAt), e, r.cancelReason,
                instant(r.createdAt), instant(r.updatedAt), r.version);
    }

}
