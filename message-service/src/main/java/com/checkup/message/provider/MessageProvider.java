package com.checkup.message.provider;

import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;

/**
 * Sends a message on its channel (an SMS gateway, an e-mail service, app push). Must be idempotent on the message id:
 * a message may be handed over again after a crash between sending and recording it.
 *
 * <p>Returns what the provider reported on acceptance. Throws {@link DeliveryRejected} when the provider refused the
 * message for good (dead letter at once); any other exception ({@link DeliveryFailed} when the provider said why) is a
 * failure the dispatcher retries.
 */
public interface MessageProvider {
    Delivery send(Message m) throws Exception;
}
