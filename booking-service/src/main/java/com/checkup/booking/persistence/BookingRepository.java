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
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * Bookings in MySQL. ID number and phone are encrypted here, on the way in, and decrypted on the way out, so no other
 * layer sees ciphertext or forgets to encrypt. Updates are conditional on the version read.
 */
@Repository
public class BookingRepository {
    private final BookingMapper mapper;
    private final FieldCipher cipher;

    public BookingRepository(BookingMapper mapper, FieldCipher cipher) {
        this.mapper = mapper;
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
        return mapper.liveHolds(consumerId, utc(now));
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
        insertAll(List.of(b));
    }

    /** New bookings in one statement (holds combined on a hot slot); a repeated idempotency key fails them all. */
    public void insertAll(List<Booking> all) {
        mapper.insertAll(all.stream().map(this::toRow).toList());
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

    private BookingRow toRow(Booking b) {
        Examinee e = b.examinee();
        BookingRow r = new BookingRow();
        r.id = b.id();
        r.consumerId = b.consumerId();
        r.idempotencyKey = b.idempotencyKey();
        r.requestFingerprint = b.fingerprint();
        r.hospitalId = b.hospitalId();
        r.packageId = b.packageId();
        r.slotDate = b.slot().date();
        r.period = b.slot().period().name();
        r.resources = Resources.join(b.resources());
        r.amountCents = b.amountCents();
        r.status = b.status().name();
        r.orderId = b.orderId();
        r.holdExpiresAt = b.holdExpiresAt() == null ? null : utc(b.holdExpiresAt());
        r.examineeName = e.name();
        r.examineeGender = e.gender().name();
        r.examineeBirthDate = e.birthDate();
        r.idNumberEnc = cipher.encrypt(e.idNumber());
        r.phoneEnc = cipher.encrypt(e.phone());
        r.cancelReason = b.cancelReason();
        r.version = b.version();
        r.createdAt = utc(b.createdAt());
        r.updatedAt = utc(b.updatedAt());
        return r;
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
