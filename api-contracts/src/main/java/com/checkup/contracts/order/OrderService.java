package com.checkup.contracts.order;

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
