package com.checkup.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.booking.BookingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private final CheckupPackage ct = new CheckupPackage("H001-CT", "H001", "CT", 129_900, "ANY", 25, 120, true, List.of("CT", "ULTRASOUND"));
    private final Examinee examinee = new Examinee("A", Gender.MALE, LocalDate.of(1990, 3, 7), "110105199003071234", "13812345678");

    private Booking held() {
        return Booking.hold("B1", "consumer1", "key-00001", "fp", ct, new Slot("H001", DAY, Period.MORNING), examinee,
                NOW.plus(Duration.ofMinutes(15)), NOW);
    }

    @Test
    void checkInOnlyWhenPaidAndOnTheDay() {
        Booking b = held();
        assertThatThrownBy(() -> b.checkIn(DAY, NOW)).hasMessageContaining("not paid");
        b.confirm(NOW);
        assertThatThrownBy(() -> b.checkIn(DAY.minusDays(1), NOW)).hasMessageContaining("not today");
        assertThat(b.checkIn(DAY, NOW)).isTrue();
        assertThat(b.status()).isEqualTo(BookingStatus.CHECKED_IN);
        assertThat(b.checkIn(DAY, NOW)).as("a repeat changes nothing").isFalse();
        assertThat(b.markNoShow(DAY.plusDays(1), NOW)).as("checked in is not a no-show").isFalse();
    }

    @Test
    void aReportCompletesOnlyACheckedInBookingOnce() {
        Booking b = held();
        b.confirm(NOW);
        assertThatThrownBy(() -> b.complete(NOW)).hasMessageContaining("not checked in");
        b.checkIn(DAY, NOW);
        assertThat(b.complete(NOW)).isTrue();
        assertThat(b.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(b.complete(NOW)).as("a replaced report changes nothing").isFalse();
    }

    @Test
    void aConfirmedBookingBecomesANoShowOnlyAfterItsDay() {
        Booking b = held();
        assertThat(b.markNoShow(DAY.plusDays(1), NOW)).as("unpaid holds expire instead").isFalse();
        b.confirm(NOW);
        assertThat(b.markNoShow(DAY, NOW)).as("the day is not over").isFalse();
        assertThat(b.markNoShow(DAY.plusDays(1), NOW)).isTrue();
        assertThat(b.status()).isEqualTo(BookingStatus.NO_SHOW);
        assertThatThrownBy(() -> b.checkIn(DAY, NOW)).hasMessageContaining("NO_SHOW");
    }

    @Test
    void aHoldTakesThePackagePriceAndResources() {
        Booking b = held();
        assertThat(b.status()).isEqualTo(BookingStatus.HELD);
        assertThat(b.amountCents()).isEqualTo(129_900);
        assertThat(b.resources()).containsExactly("CT", "ULTRASOUND");
        assertThat(b.holdsCapacity()).isTrue();
        assertThat(b.toString()).doesNotContain("13812345678");
    }

    @Test
    void paymentConfirmsOnceEvenAfterTheHoldTimeAndNotAfterTheBookingEnded() {
        Booking b = held();
        assertThat(b.confirm(NOW.plus(Duration.ofHours(1)))).isEqualTo(Booking.ConfirmOutcome.CONFIRMED);
        assertThat(b.holdExpiresAt()).isNull();
        assertThat(b.confirm(NOW)).isEqualTo(Booking.ConfirmOutcome.ALREADY_CONFIRMED);
        assertThat(b.expire(NOW)).isFalse();

        Booking expired = held();
        assertThat(expired.expire(NOW)).isTrue();
        assertThat(expired.expire(NOW)).isFalse();
        assertThat(expired.holdsCapacity()).isFalse();
        assertThat(expired.confirm(NOW)).isEqualTo(Booking.ConfirmOutcome.NOT_BOOKABLE_ANY_MORE);
    }

    @Test
    void cancelIsOnceAndOnlyFromHeldOrConfirmed() {
        Booking b = held();
        assertThat(b.cancel(null, NOW)).isTrue();
        assertThat(b.cancelReason()).isEqualTo("CANCELLED_BY_CONSUMER");
        assertThat(b.cancel("again", NOW)).isFalse();
        Booking expired = held();
        expired.expire(NOW);
        assertThatThrownBy(() -> expired.cancel(null, NOW)).hasFieldOrPropertyWithValue("code", "CONFLICT");
        assertThatThrownBy(() -> held().cancel("x".repeat(65), NOW)).hasFieldOrPropertyWithValue("code", "VALIDATION_FAILED");
    }

    @Test
    void rescheduleStaysInTheHospitalAndReturnsTheOldSlot() {
        Booking b = held();
        Slot target = new Slot("H001", DAY.plusDays(1), Period.AFTERNOON);
        assertThat(b.moveTo(target, NOW)).isEqualTo(new Slot("H001", DAY, Period.MORNING));
        assertThat(b.slot()).isEqualTo(target);
        assertThatThrownBy(() -> b.moveTo(new Slot("H002", DAY, Period.MORNING), NOW))
                .hasFieldOrPropertyWithValue("code", "VALIDATION_FAILED");
    }

    @Test
    void theChangeDeadlineIsInTheHospitalsZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        ChangeDeadline sixPm = new ChangeDeadline(Duration.ofHours(6));
        // 2026-11-29 18:00 in Shanghai is 10:00 UTC.
        sixPm.check(DAY, shanghai, Instant.parse("2026-11-29T09:59:59Z"), "Cancelling");
        assertThatThrownBy(() -> sixPm.check(DAY, shanghai, Instant.parse("2026-11-29T10:00:00Z"), "Cancelling"))
                .hasFieldOrPropertyWithValue("code", "CONFLICT").hasMessageContaining("2026-11-29 18:00");
    }

    @Test
    void resourcesAreSortedAndGeneralIsNotLimited() {
        assertThat(Resources.limited(List.of("ultrasound", "GENERAL", "CT", "CT"))).containsExactly("CT", "ULTRASOUND");
        assertThat(Resources.split(Resources.join(List.of("CT", "ULTRASOUND")))).containsExactly("CT", "ULTRASOUND");
        assertThat(Resources.split("")).isEmpty();
    }
}
