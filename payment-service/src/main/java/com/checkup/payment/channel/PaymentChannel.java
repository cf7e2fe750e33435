package com.checkup.payment.channel;

import com.checkup.payment.domain.Payment;

/** A payment channel (WeChat Pay, Alipay, ... or the simulated one). Requests go out; results come back as callbacks. */
public interface PaymentChannel {
    String name();

    /** Asks the channel to collect the payment; it answers later with a signed SUCCESS callback. */
    void requestPayment(Payment payment);

    /** Asks the channel to give the money back; it answers later with a signed REFUNDED callback. */
    void requestRefund(Payment payment);
}
