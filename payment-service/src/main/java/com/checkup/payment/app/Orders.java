package com.checkup.payment.app;

import com.checkup.contracts.order.OrderView;

/** order-service as payment-service needs it: an order read as payment-service itself. */
public interface Orders {
    OrderView get(String orderId);
}
