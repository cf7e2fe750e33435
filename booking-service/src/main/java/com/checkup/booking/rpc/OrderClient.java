package com.checkup.booking.rpc;

import com.checkup.booking.app.Orders;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderView;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/**
 * order-service over Dubbo. booking-service always calls it as itself (SYSTEM, signed), in the current call's trace and
 * lane (so a tester's lane reaches its own order-service): orders are the platform's business, not an end user's.
 */
@Component
public class OrderClient implements Orders {
    @DubboReference(check = false, timeout = 3000)
    private OrderService orders;

    public OrderView create(CreateOrderRequest request) {
        try (CallContextHolder.Scope ignored = asItself()) {
            return orders.create(request);
        }
    }

    public List<OrderView> createAll(List<CreateOrderRequest> requests) {
        try (CallContextHolder.Scope ignored = asItself()) {
            return orders.createAll(requests);
        }
    }

    public OrderView get(String orderId) {
        try (CallContextHolder.Scope ignored = asItself()) {
            return orders.get(orderId);
        }
    }

    public OrderView close(String orderId, String reason) {
        try (CallContextHolder.Scope ignored = asItself()) {
            return orders.close(orderId, reason);
        }
    }

    private static CallContextHolder.Scope asItself() {
        return Callers.bindSystem("booking-service", CallContextHolder.current().orElse(null));
    }
}
