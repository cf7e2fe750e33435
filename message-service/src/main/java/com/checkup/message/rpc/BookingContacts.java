package com.checkup.message.rpc;

import com.checkup.contracts.booking.ExamineeContacts;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.message.app.Contacts;
import com.checkup.message.domain.Message;
import java.util.Optional;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/**
 * Phone numbers from booking-service (which keeps them encrypted and gives them to message-service only): a
 * booking's examinee, or for an employee's entitlement code ({@code employee:<company>:<employee no>}) the number
 * on the company's roster. No service keeps e-mail addresses yet, so there is never one.
 */
@Component
public class BookingContacts implements Contacts {
    static final String EMPLOYEE = "employee:";

    @DubboReference(check = false, timeout = 2000, retries = 0)
    private ExamineeContacts contacts;

    @Override
    public Optional<String> phone(Message m) {
        try {
            if (m.recipient() != null && m.recipient().startsWith(EMPLOYEE)) {
                String[] parts = m.recipient().substring(EMPLOYEE.length()).split(":", 2);
                return parts.length == 2 ? Optional.ofNullable(contacts.phoneOfEmployee(parts[0], parts[1])) : Optional.empty();
            }
            return m.bookingId() == null ? Optional.empty() : Optional.ofNullable(contacts.phoneOfBooking(m.bookingId()));
        } catch (BusinessException e) {
            if (ErrorCode.NOT_FOUND.name().equals(e.getCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<String> email(Message m) {
        return Optional.empty();
    }
}
