package com.checkup.message.provider;

import com.checkup.message.domain.Delivery;

/**
 * The provider answered but did not take the message now (quota, throttling, its own outage): retried with backoff
 * like any failure, with the provider's code recorded.
 */
public class DeliveryFailed extends Exception {
    private final transient Delivery delivery;

    public DeliveryFailed(String reason, Delivery delivery) {
        super(reason);
        this.delivery = delivery;
    }

    public DeliveryFailed(String reason, Delivery delivery, Throwable cause) {
        super(reason, cause);
        this.delivery = delivery;
    }

    public Delivery delivery() {
        return delivery;
    }
}
