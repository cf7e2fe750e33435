package com.checkup.payment.app;

import com.checkup.payment.persistence.PaymentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * What is kept of channels' messages, and for how long: notification nonces a day (long past any replay window), and
 * refused unsigned callbacks 30 days (anyone can send those; a flood must not grow the table for ever). Everything a
 * channel said about a payment stays.
 */
@Service
public class CallbackRetention {
    private final PaymentRepository payments;
    private final Clock clock;

    public CallbackRetention(PaymentRepository payments, Clock clock) {
        this.payments = payments;
        this.clock = clock;
    }

    /** One pass; returns the rows deleted. */
    public int forgetOld() {
        Instant now = clock.instant();
        return payments.forgetNoncesBefore(now.minus(Duration.ofDays(1)))
                + payments.forgetRefusedCallbacksBefore(now.minus(Duration.ofDays(30)));
    }
}
