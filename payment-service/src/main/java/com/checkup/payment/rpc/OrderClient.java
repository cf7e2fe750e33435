package com.checkup.payment.rpc;

import com.checkup.payment.app.Orders;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderView;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/**
 * order-service over Dubbo: payment-service never reads another service's tables, and asks as itself (SYSTEM, signed),
 * in the caller's trace and lane; whether the caller may see the order is payment-service's own check.
 */
@Component
public class OrderClient implements Orders {
    @DubboReference(check = false, timeout = 3000)
    private OrderService orders;

    public OrderView get(String orderId) {
        try (CallContextHolder.Scope ignored = Callers.bindSystem("payment-service",
                CallContextHolder.current().orElse(null))) {
            return orders.get(orderId);
        }
    }
}
