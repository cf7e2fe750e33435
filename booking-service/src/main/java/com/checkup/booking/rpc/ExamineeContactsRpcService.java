package com.checkup.booking.rpc;

import com.checkup.booking.app.ExamineeContactQueries;
import com.checkup.contracts.booking.ExamineeContacts;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of examinees' phone numbers for message-service: maps and delegates. */
@DubboService
public class ExamineeContactsRpcService implements ExamineeContacts {
    private final ExamineeContactQueries contacts;

    public ExamineeContactsRpcService(ExamineeContactQueries contacts) {
        this.contacts = contacts;
    }

    @Override
    public String phoneOfBooking(String bookingId) {
        return contacts.phoneOfBooking(bookingId);
    }

    @Override
    public String phoneOfEmployee(String companyId, String employeeNo) {
        return contacts.phoneOfEmployee(companyId, employeeNo);
    }
}
