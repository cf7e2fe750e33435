package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
    /** Every hold runs it: plain JDBC, no mapper statement handlers and parameter reflection per call. */
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

    /** How many unpaid holds the consumer has that have not expired yet. */
    public int liveHolds(String consumerId, Instant now) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM booking WHERE consumer_id = ? AND status = 'HELD'"
                + " AND hold_expires_at > ?", Integer.class, consumerId, utc(now));
        return n == null ? 0 : n;
    }

    public List<Booking> ofConsumer(String consumerId, int limit) {
        return mapper.selectList(new LambdaQueryWrapper<BookingRow>().eq(BookingRow::getConsumerId, consumerId)
                .orderByDesc(BookingRow::getCreatedAt).last("LIMIT " + limit)).stream().map(this::fromRow).toList();
    }

    /** Ids of HELD bookings whose hold ended before {@code before} (the expiry sweep). */
    public List<String> overdueHolds(Instant before, int limit) {
        return mapper.selectList(new LambdaQueryWrapper<BookingRow>().select(BookingRow::getId)
                        .eq(BookingRow::getStatus, BookingStatus.HELD.name()).lt(BookingRow::getHoldExpiresAt, utc(before))
                        .orderByAsc(BookingRow::getHoldExpiresAt).last("LIMIT " + limit))
                .stream().map(BookingRow::getId).toList();
    }

    /** Inserts a new booking; the same consumer and idempotency key twice fails (DuplicateKeyException). */
    /** A hospital's bookings on a day in the given states (the desk's arrivals). */
    public List<Booking> onDay(String hospitalId, LocalDate day, Collection<BookingStatus> states, int limit) {
        return mapper.selectList(new LambdaQueryWrapper<BookingRow>()
                .eq(BookingRow::getHospitalId, hospitalId)
                .eq(BookingRow::getSlotDate, day)
                .in(BookingRow::getStatus, states.stream().map(Enum::name).toList())
                .orderByAsc(BookingRow::getPeriod, BookingRow::getExamineeName)
                .last("LIMIT " + limit)).stream().map(this::fromRow).toList();
    }

    /** Ids of a hospital's CONFIRMED bookings for days before {@code day} (not checked in: no-shows). */
    public List<String> confirmedBefore(String hospitalId, LocalDate day, int limit) {
        return mapper.selectList(new LambdaQueryWrapper<BookingRow>()
                .select(BookingRow::getId)
                .eq(BookingRow::getHospitalId, hospitalId)
                .eq(BookingRow::getStatus, BookingStatus.CONFIRMED.name())
                .lt(BookingRow::getSlotDate, day)
                .last("LIMIT " + limit)).stream().map(BookingRow::getId).toList();
    }

    public void insert(Booking b) {
        insertAll(List.of(b));
    }

    /** New bookings in one statement (holds combined on a hot slot); a repeated idempotency key fails them all. */
    public void insertAll(List<Booking> all) {
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
        jdbc.update(INSERT + String.join(", ", Collections.nCopies(all.size(), ROW)), args.toArray());
    }

    /** Writes the booking's new state if nobody changed it since it was read; otherwise a retryable CONFLICT. */
    public void update(Booking b) {
        int n = mapper.update(null, new LambdaUpdateWrapper<BookingRow>()
                .set(BookingRow::getStatus, b.status().name())
                .set(BookingRow::getOrderId, b.orderId())
                .set(BookingRow::getSlotDate, b.slot().date())
                .set(BookingRow::getPeriod, b.slot().period().name())
                .set(BookingRow::getHoldExpiresAt, b.holdExpiresAt() == null ? null : utc(b.holdExpiresAt()))
                .set(BookingRow::getCancelReason, b.cancelReason())
                .set(BookingRow::getUpdatedAt, utc(b.updatedAt()))
                .setSql("version = version + 1")
                .eq(BookingRow::getId, b.id())
                .eq(BookingRow::getVersion, b.version()));
        if (n != 1) {
            throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.id() + " was changed concurrently; try again");
        }
    }

    private Booking fromRow(BookingRow r) {
        Examinee e = new Examinee(r.getExamineeName(), Gender.valueOf(r.getExamineeGender()), r.getExamineeBirthDate(),
                cipher.decrypt(r.getIdNumberEnc()), cipher.decrypt(r.getPhoneEnc()));
        return Booking.restore(r.getId(), r.getConsumerId(), r.getIdempotencyKey(), r.getRequestFingerprint(),
                r.getHospitalId(), r.getPackageId(), new Slot(r.getHospitalId(), r.getSlotDate(), Period.valueOf(r.getPeriod())),
                Resources.split(r.getResources()), r.getAmountCents(), BookingStatus.valueOf(r.getStatus()), r.getOrderId(),
                r.getHoldExpiresAt() == null ? null : r.getHoldExpiresAt().toInstant(ZoneOffset.UTC), e, r.getCancelReason(),
                r.getCreatedAt().toInstant(ZoneOffset.UTC), r.getUpdatedAt().toInstant(ZoneOffset.UTC), r.getVersion());
    }

}
