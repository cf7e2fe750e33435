package com.checkup.message.provider;

import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;

/**
 * App push through the in-app inbox ({@code checkup.message.providers.app-push=inbox}): the app learns of notices by
 * long-polling its inbox (InboxService), whose notices the event handlers write in the same transaction as this
 * message. There is no outside push service (APNs, vendor push) yet, so nothing is called here: the message is
 * recorded as handed to the inbox.
 */
public final class InboxPushProvider implements MessageProvider {
    public static final String NAME = "inbox";

    @Override
    public Delivery send(Message m) {
        return Delivery.accepted(NAME, "IN_APP", null);
    }
}
