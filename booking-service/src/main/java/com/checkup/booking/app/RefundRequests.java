package com.checkup.booking.app;

import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Asks payment-service to give back the payment of a booking that no longer stands. Repeats are harmless (refund is
 * a no-op once asked); a failure throws so the event that asked is delivered again.
 */
@Service
public class RefundRequests {
    private static final Logger log = LoggerFactory.getLogger(RefundRequests.class);

    private final Orders orders;
    private final Payments payments;

    public RefundRequests(Orders orders, Payments payments) {
        this.orders = orders;
        this.payments = payments;
    }

    public void refundIfPaid(String orderId, String reason) {
        if (orderId == null) {
            return;
        }
        OrderView o = orders.get(orderId);
        if (o.getStatus() == OrderStatus.PAID && o.getPaymentId() != null) {
            // booking-service asks, not the consumer whose cancel led here (payment-service refuses end users).
            try (CallContextHolder.Scope ignored = Callers.bindSystem("booking-service",
                    CallContextHolder.current().orElse(null))) {
                payments.refund(o.getPaymentId(), reason);
            }
            log.info("Refund of payment {} (order {}) requested: {}", o.getPaymentId(), orderId, reason);
        } else {
            log.info("Order {} is {}: no refund to ask for", orderId, o.getStatus());
        }
    }
}
