package com.checkup.message.provider;

import com.checkup.message.domain.Message;

/**
 * Sends a message on its channel (an SMS gateway, an e-mail service, app push). Must be idempotent on the message id:
 * a message may be handed over again after a crash between sending and recording it.
 */
public interface MessageProvider {
    void send(Message m) throws Exception;
}
