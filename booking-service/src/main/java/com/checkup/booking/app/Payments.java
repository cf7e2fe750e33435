package com.checkup.booking.app;

import com.checkup.contracts.payment.PaymentView;

/** payment-service as booking-service needs it: refunds of cancelled paid bookings. */
public interface Payments {
    PaymentView refund(String paymentId, String reason);
}
