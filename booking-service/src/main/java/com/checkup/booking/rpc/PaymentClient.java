package com.checkup.booking.rpc;

import com.checkup.booking.app.Payments;
import com.checkup.contracts.payment.PaymentService;
import com.checkup.contracts.payment.PaymentView;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/** payment-service over Dubbo (refunds of cancelled paid bookings). */
@Component
public class PaymentClient implements Payments {
    @DubboReference(check = false, timeout = 3000)
    private PaymentService payments;

    public PaymentView refund(String paymentId, String reason) {
        return payments.refund(paymentId, reason);
    }
}
