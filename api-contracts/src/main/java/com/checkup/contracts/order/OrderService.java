package com.checkup.contracts.order;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders (order-service). Paying and refunding are driven by payment events, not by calls: an order becomes PAID
 * when {@code payment.succeeded} arrives, REFUNDED on {@code payment.refunded}.
 * Errors: {@code VALIDATION_FAILED}, {@code NOT_FOUND}, {@code CONFLICT} (illegal transition),
 * {@code IDEMPOTENCY_CONFLICT} (same booking, different order data).
 */
public interface OrderService {
    /**
     * Creates the order of a booking, with the id {@link #orderIdOf(String)} gives; calling again with the same data
     * returns the same order.
     */
    OrderView create(CreateOrderRequest request);

    /**
     * Creates the orders of several bookings in one call (booking-service, when holds arrive together), each as
     * {@link #create} would, answered in the same order. All or nothing: when one is refused none is created, and the
     * caller creates them one by one to learn which. order-service does it in one transaction.
     */
    default List<OrderView> createAll(List<CreateOrderRequest> requests) {
        List<OrderView> created = new ArrayList<>(requests.size());
        for (CreateOrderRequest r : requests) {
            created.add(create(r));
        }
        return created;
    }

    /**
     * The id of a booking's order. There is one order per booking, so the id follows from the booking's: booking-service
     * records it with the hold in the same insert and needs no second write once the order exists.
     */
    static String orderIdOf(String bookingId) {
        return "O" + bookingId;
    }

    OrderView get(String orderId);

    /** Closes an unpaid order (hold expired, booking cancelled before paying); a repeat is a no-op. */
    OrderView close(String orderId, String reason);

    /** Marks a paid order fulfilled (the examination took place); a repeat is a no-op. */
    OrderView fulfil(String orderId);
}
