package com.checkup.booking.app;

import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderView;
import java.util.List;

/** order-service as booking-service needs it: orders of holds, read and closed as booking-service itself. */
public interface Orders {
    OrderView create(CreateOrderRequest request);

    /** Several at once, all or nothing, answered in the same order (holds written together). */
    List<OrderView> createAll(List<CreateOrderRequest> requests);

    OrderView get(String orderId);

    OrderView close(String orderId, String reason);
}
