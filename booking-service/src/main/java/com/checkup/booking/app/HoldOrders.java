package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The order of a held booking, in order-service: created after the hold commits (idempotent per booking, its id
 * follows from the booking's) and closed before a hold may end unpaid. order-service decides the race between paying
 * and closing: a hold only ends unpaid once its order is closed.
 */
@Component
public class HoldOrders {
    private static final Logger log = LoggerFactory.getLogger(HoldOrders.class);

    private final Orders orders;

    public HoldOrders(Orders orders) {
        this.orders = orders;
    }

    /** Creates the held booking's order; UNAVAILABLE (repeat with the same key) when order-service cannot now. */
    public Booking create(Booking b) {
        try {
            orders.create(request(b));
        } catch (RuntimeException e) {
            log.warn("Order for booking {} not created yet: {}", b.id(), e.toString());
            throw new BusinessException(ErrorCode.UNAVAILABLE, "Your place is held (booking " + b.id()
                    + "), but its order could not be created just now; repeat the request with the same Idempotency-Key");
        }
        return b;
    }

    /** Closes the booking's order unless it is paid; true when the booking may end unpaid. */
    public boolean closeUnlessPaid(Booking b, String reason) {
        try {
            return closedOrPaid(b.orderId(), reason);
        } catch (BusinessException e) {
            if (!ErrorCode.NOT_FOUND.name().equals(e.getCode())) {
                throw e;
            }
            // The hold's order was never created (order-service was away when it was held): create it to close it,
            // so that no open order for this booking can turn up later.
            orders.create(request(b));
            return closedOrPaid(b.orderId(), reason);
        }
    }

    /** What order-service says of the order (events carry no authority). */
    public OrderView get(String orderId) {
        return orders.get(orderId);
    }

    private boolean closedOrPaid(String orderId, String reason) {
        OrderView o;
        try {
            o = orders.close(orderId, reason);
        } catch (BusinessException e) {
            if (!ErrorCode.CONFLICT.name().equals(e.getCode())) {
                throw e;
            }
            o = orders.get(orderId);
        }
        return o.getStatus() == OrderStatus.CLOSED;
    }

    private static CreateOrderRequest request(Booking b) {
        return new CreateOrderRequest(b.id(), b.consumerId(), b.hospitalId(), b.packageId(), b.amountCents());
    }
}
