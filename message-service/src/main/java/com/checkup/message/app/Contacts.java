package com.checkup.message.app;

import com.checkup.message.domain.Message;
import java.util.Optional;

/**
 * Where a message's recipient is reached on its channel. Messages are addressed to accounts (or a company's employee),
 * never to numbers: a provider that needs a phone number or an e-mail address asks here when it sends, so no address
 * is kept in message-service or carried by events. Addresses are personal data: log them masked only.
 */
public interface Contacts {
    /**
     * The examinee's mobile number for the message (of its booking, or of the employee it names); empty when there is
     * none to be had (no such booking or employee). Throws when the lookup itself failed (try again later).
     */
    Optional<String> phone(Message m);

    /** The recipient's e-mail address; empty when none is known (no service keeps e-mail addresses yet). */
    Optional<String> email(Message m);
}
