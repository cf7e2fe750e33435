package com.checkup.booking.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Gender;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.EntitlementRepository;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.BusinessErrors;
import com.checkup.platform.privacy.FieldCipher;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whole phone numbers go to message-service only: every other persona and every other service is refused. */
class ExamineeContactQueriesTest {
    private final BookingRepository bookings = mock(BookingRepository.class);
    private final EntitlementRepository entitlements = mock(EntitlementRepository.class);
    private final FieldCipher cipher = mock(FieldCipher.class);
    private final ExamineeContactQueries contacts = new ExamineeContactQueries(bookings, entitlements, cipher);

    ExamineeContactQueriesTest() {
        Booking b = mock(Booking.class);
        when(b.examinee()).thenReturn(new Examinee("张伟", Gender.values()[0], LocalDate.of(1990, 1, 1), "110101199001011234", "13812345678"));
        when(bookings.find("B1")).thenReturn(Optional.of(b));
        when(entitlements.phoneEncOfEmployee("ACME", "E7")).thenReturn(Optional.of("enc:k1:xyz"));
        when(cipher.decrypt("enc:k1:xyz")).thenReturn("13900001111");
    }

    @Test
    void messageServiceGetsTheNumbers() {
        assertThat(Acting.as("SYSTEM", null, "message-service", () -> contacts.phoneOfBooking("B1"))).isEqualTo("13812345678");
        assertThat(Acting.as("SYSTEM", null, "message-service", () -> contacts.phoneOfEmployee("ACME", "E7"))).isEqualTo("13900001111");
        assertThat(BusinessErrors.codeOf(() -> Acting.as("SYSTEM", null, "message-service", () -> contacts.phoneOfBooking("B9"))))
                .isEqualTo("NOT_FOUND");
        assertThat(BusinessErrors.codeOf(() -> Acting.as("SYSTEM", null, "message-service", () -> contacts.phoneOfEmployee("ACME", "E8"))))
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void everyoneElseIsRefused() {
        assertThat(BusinessErrors.codeOf(() -> Acting.as("SYSTEM", null, "hospital-sync-service", () -> contacts.phoneOfBooking("B1"))))
                .isEqualTo("FORBIDDEN");
        for (String persona : new String[] {"OPS", "TESTER", "CONSUMER", "HR"}) {
            assertThat(BusinessErrors.codeOf(() -> Acting.as(persona, "ACME", "message-service", () -> contacts.phoneOfBooking("B1"))))
                    .as(persona).isEqualTo("FORBIDDEN");
        }
        assertThat(BusinessErrors.codeOf(() -> Acting.as("DESK", "H001", "desk1", () -> contacts.phoneOfEmployee("ACME", "E7"))))
                .isEqualTo("FORBIDDEN");
        assertThat(BusinessErrors.codeOf(() -> Acting.anonymously(() -> contacts.phoneOfBooking("B1")))).isEqualTo("UNAUTHENTICATED");
    }
}
