package com.checkup.payment.rpc;

import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderView;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/** order-service over Dubbo: payment-service never reads another service's tables. */
@Component
public class OrderClient {
    @DubboReference(check = false, timeout = 3000)
    private OrderService orders;

    public OrderView get(String orderId) {
        return orders.get(orderId);
    }
}
