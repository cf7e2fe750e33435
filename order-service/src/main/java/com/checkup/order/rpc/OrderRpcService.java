package com.checkup.order.rpc;

import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderView;
import com.checkup.order.app.OrderCommands;
import com.checkup.order.domain.Order;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter: maps and delegates, nothing else. */
@DubboService
public class OrderRpcService implements OrderService {
    private final OrderCommands commands;

    public OrderRpcService(OrderCommands commands) {
        this.commands = commands;
    }

    @Override
    public OrderView create(CreateOrderRequest request) {
        return view(commands.create(request));
    }

    @Override
    public List<OrderView> createAll(List<CreateOrderRequest> requests) {
        return commands.createAll(requests).stream().map(OrderRpcService::view).toList();
    }

    @Override
    public OrderView get(String orderId) {
        return view(commands.get(orderId));
    }

    @Override
    public OrderView close(String orderId, String reason) {
        return view(commands.close(orderId, reason));
    }

    @Override
    public OrderView fulfil(String orderId) {
        return view(commands.fulfil(orderId));
    }

    static OrderView view(Order o) {
        OrderView v = new OrderView();
        v.setOrderId(o.id());
        v.setBookingId(o.bookingId());
        v.setConsumerId(o.consumerId());
        v.setHospitalId(o.hospitalId());
        v.setPackageId(o.packageId());
        v.setAmountCents(o.amountCents());
        v.setStatus(o.status());
        v.setPaymentId(o.paymentId());
        v.setCreatedAt(o.createdAt().toString());
        v.setUpdatedAt(o.updatedAt().toString());
        return v;
    }
}
