package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.persistence.BookingRepository;
import com.checkup.booking.persistence.EntitlementRepository;
import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.Callers;
import com.checkup.platform.privacy.FieldCipher;
import com.checkup.platform.privacy.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Examinees' mobile numbers, decrypted for message-service's SMS provider only: the one place a whole number leaves
 * booking-service. The caller must be the platform (SYSTEM, signed) acting as message-service; every other persona,
 * and every other service, is FORBIDDEN. Numbers are logged masked only.
 */
@Service
public class ExamineeContactQueries {
    /** The only service that sends to examinees' phones. */
    static final String MESSAGE_SERVICE = "message-service";
    private static final Logger log = LoggerFactory.getLogger(ExamineeContactQueries.class);

    private final BookingRepository bookings;
    private final EntitlementRepository entitlements;
    private final FieldCipher cipher;

    public ExamineeContactQueries(BookingRepository bookings, EntitlementRepository entitlements, FieldCipher cipher) {
        this.bookings = bookings;
        this.entitlements = entitlements;
        this.cipher = cipher;
    }

    public String phoneOfBooking(String bookingId) {
        messageService();
        String id = CatalogueQueries.required("bookingId", bookingId);
        Booking b = bookings.find(id).orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No booking " + id));
        String phone = b.examinee().phone();
        log.debug("Phone of booking {} given to {}: {}", id, MESSAGE_SERVICE, Masking.phone(phone));
        return phone;
    }

    public String phoneOfEmployee(String companyId, String employeeNo) {
        messageService();
        String company = CatalogueQueries.required("companyId", companyId);
        String no = CatalogueQueries.required("employeeNo", employeeNo);
        return entitlements.phoneEncOfEmployee(company, no).map(cipher::decrypt)
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No employee " + no + " of " + company));
    }

    private static void messageService() {
        CallContext c = Callers.require(Persona.SYSTEM);
        if (!MESSAGE_SERVICE.equals(c.userId())) {
            throw new BusinessException(ErrorCode.FORBIDDEN, "Examinees' phone numbers are for " + MESSAGE_SERVICE + " only");
        }
    }
}
