package com.checkup.booking.rpc;

import com.checkup.booking.app.Orders;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderView;
import com.checkup.platform.batch.Combiner;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * order-service over Dubbo. Orders of holds that arrive together are created in one call ({@link Combiner}, per lane,
 * so a tester's lane still reaches its own order-service); a lone hold's order is created by a call of its own, in its
 * caller's trace and lane. booking-service always calls order-service as itself (SYSTEM, signed): orders are the
 * platform's business, not an end user's.
 */
@Component
public class OrderClient implements Orders {
    private static final Logger log = LoggerFactory.getLogger(OrderClient.class);

    @DubboReference(check = false, timeout = 3000)
    private OrderService orders;

    private record Creation(CreateOrderRequest request, CallContext context) {
    }

    private final Combiner<String, Creation, OrderView> creations;

    public OrderClient(@Value("${checkup.booking.order-batch-max:32}") int maxBatch) {
        this.creations = new Combiner<>(maxBatch, this::createAll);
    }

    public OrderView create(CreateOrderRequest request) {
        CallContext caller = CallContextHolder.current().orElse(null);
        return creations.submit(caller == null || caller.lane() == null ? "" : caller.lane(), new Creation(request, caller));
    }

    public OrderView get(String orderId) {
        try (CallContextHolder.Scope ignored = asItself(CallContextHolder.current().orElse(null))) {
            return orders.get(orderId);
        }
    }

    public OrderView close(String orderId, String reason) {
        try (CallContextHolder.Scope ignored = asItself(CallContextHolder.current().orElse(null))) {
            return orders.close(orderId, reason);
        }
    }

    private static CallContextHolder.Scope asItself(CallContext parent) {
        return Callers.bindSystem("booking-service", parent);
    }

    private void createAll(List<Combiner.Entry<Creation, OrderView>> batch) {
        if (batch.size() > 1) {
            // booking-service creates them as itself, in the batch's lane, under a trace of its own; the log line names
            // the bookings, so each booking's trace can still be followed to its order.
            CallContext first = batch.get(0).work().context();
            List<CreateOrderRequest> requests = batch.stream().map(e -> e.work().request()).toList();
            try (CallContextHolder.Scope ignored = asItself(CallContext.newRoot().withLane(first == null ? null : first.lane()))) {
                List<OrderView> created = orders.createAll(requests);
                log.info("Created the orders of {} bookings in one call: {}", requests.size(),
                        requests.stream().map(CreateOrderRequest::getBookingId).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(created.get(i));
                }
                return;
            } catch (BusinessException refused) {
                // One of them was refused: one by one, each learns its own answer.
                log.info("Creating {} orders in one call was refused, creating them one by one: {}", requests.size(),
                        refused.toString());
            } catch (RuntimeException unavailable) {
                // order-service unreachable or too slow: one by one would only wait as long again, each.
                batch.forEach(e -> e.fail(unavailable));
                return;
            }
        }
        for (Combiner.Entry<Creation, OrderView> e : batch) {
            try (CallContextHolder.Scope ignored = asItself(e.work().context())) {
                e.complete(orders.create(e.work().request()));
            } catch (RuntimeException failed) {
                e.fail(failed);
            }
        }
    }
}
