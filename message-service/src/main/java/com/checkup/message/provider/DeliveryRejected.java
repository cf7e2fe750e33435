package com.checkup.message.provider;

import com.checkup.message.domain.Delivery;

/**
 * The provider refused the message for good (an invalid number, an unknown template, a wrong key, no address): trying
 * again cannot help, so the dispatcher makes it a dead letter at once. Every other exception from a provider is a
 * failure worth retrying.
 */
public class DeliveryRejected extends Exception {
    private final transient Delivery delivery;

    public DeliveryRejected(String reason, Delivery delivery) {
        super(reason);
        this.delivery = delivery;
    }

    public Delivery delivery() {
        return delivery;
    }
}
