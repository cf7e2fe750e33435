package com.checkup.booking.rpc;

import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderView;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/** order-service over Dubbo. */
@Component
public class OrderClient {
    @DubboReference(check = false, timeout = 3000)
    private OrderService orders;

    public OrderView create(CreateOrderRequest request) {
        return orders.create(request);
    }

    public OrderView get(String orderId) {
        return orders.get(orderId);
    }

    public OrderView close(String orderId, String reason) {
        return orders.close(orderId, reason);
    }
}
