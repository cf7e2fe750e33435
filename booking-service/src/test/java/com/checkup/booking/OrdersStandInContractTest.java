package com.checkup.booking;

import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderView;
import com.checkup.platform.embedded.contracts.OrderServiceContract;

/** booking-service's stand-in of order-service keeps order-service's rules: the same cases OrderServiceIT runs. */
class OrdersStandInContractTest extends OrderServiceContract {
    private final BookingServiceFixture.OrdersStandIn standIn = new BookingServiceFixture.OrdersStandIn();

    @Override
    protected OrderService orders() {
        return standIn;
    }

    @Override
    protected void pay(OrderView order) {
        standIn.markPaid(order.getOrderId());
    }
}
