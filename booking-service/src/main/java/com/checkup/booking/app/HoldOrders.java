package com.checkup.booking.app;

import com.checkup.booking.domain.Booking;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Refusals of a createAll that are about one of its orders (the others may be fine): then each is created alone. */
    private static final Set<String> ABOUT_ONE_ORDER = Set.of(ErrorCode.IDEMPOTENCY_CONFLICT.name(),
            ErrorCode.VALIDATION_FAILED.name(), ErrorCode.CONFLICT.name());

    private final Orders orders;

    public HoldOrders(Orders orders) {
        this.orders = orders;
    }

    /** Creates the held booking's order; UNAVAILABLE (repeat with the same key) when order-service cannot now. */
    public Booking create(Booking b) {
        try {
            orders.create(request(b));
        } catch (RuntimeException e) {
            throw notCreated(b, e);
        }
        return b;
    }

    /**
     * Creates the orders of holds written together, in one call (one transaction in order-service); one by one when
     * order-service refuses the request itself (one of the orders), so each learns its own answer. Returns, by booking
     * id, what each booking whose order could not be created should answer (as {@link #create} would throw); empty when
     * all were created.
     */
    public Map<String, BusinessException> createAll(List<Booking> held) {
        if (held.size() == 1) {
            return createEach(held);
        }
        try {
            orders.createAll(held.stream().map(HoldOrders::request).toList());
            // The log line names the bookings, so each booking's trace can still be followed to its order.
            log.info("Created the orders of {} bookings in one call: {}", held.size(), held.stream().map(Booking::id).toList());
            return Map.of();
        } catch (BusinessException refused) {
            if (!ABOUT_ONE_ORDER.contains(refused.getCode())) {
                return allNotCreated(held, refused);
            }
            log.info("Creating {} orders in one call was refused, creating them one by one: {}", held.size(), refused.toString());
            return createEach(held);
        } catch (RuntimeException unavailable) {
            return allNotCreated(held, unavailable);
        }
    }

    /**
     * Each booking's answer when none of their orders could be created: order-service unreachable, too slow, shedding
     * load or failing (one by one would only add calls and wait as long again, each).
     */
    static Map<String, BusinessException> allNotCreated(List<Booking> held, RuntimeException why) {
        Map<String, BusinessException> failed = new LinkedHashMap<>();
        held.forEach(b -> failed.put(b.id(), notCreated(b, why)));
        return failed;
    }

    private Map<String, BusinessException> createEach(List<Booking> held) {
        Map<String, BusinessException> failed = new LinkedHashMap<>();
        for (Booking b : held) {
            try {
                create(b);
            } catch (BusinessException e) {
                failed.put(b.id(), e);
            }
        }
        return failed;
    }

    private static BusinessException notCreated(Booking b, RuntimeException why) {
        log.warn("Order for booking {} not created yet: {}", b.id(), why.toString());
        return new BusinessException(ErrorCode.UNAVAILABLE, "Your place is held (booking " + b.id()
                + "), but its order could not be created just now; repeat the request with the same Idempotency-Key");
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
