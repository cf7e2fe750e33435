package com.checkup.booking.app;

import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderView;

/** order-service as booking-service needs it: orders of holds, read and closed as booking-service itself. */
public interface Orders {
    OrderView create(CreateOrderRequest request);

    OrderView get(String orderId);

    OrderView close(String orderId, String reason);
}
