package com.checkup.platform.embedded.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.platform.embedded.BusinessErrors;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What other services rely on order-service to do, as cases run twice: against order-service itself
 * ({@code OrderServiceIT}) and against every stand-in of it a service's tests use (booking-service's). A stand-in that
 * drifts from the real rules fails here, not in production. Callers act as the platform (SYSTEM), as services do.
 */
public abstract class OrderServiceContract {

    /** The order-service under test: the real one over Dubbo, or a stand-in. */
    protected abstract OrderService orders();

    /** Makes the order PAID the way that implementation learns of a payment (an event, or the stand-in's own switch). */
    protected abstract void pay(OrderView order) throws Exception;

    private static CreateOrderRequest request(String bookingId) {
        return new CreateOrderRequest(bookingId, "consumer1", "H001", "H001-BASIC", 39_900);
    }

    private static String newBooking() {
        return "B" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void anOrdersIdFollowsFromItsBookingAndCreatingAgainReturnsTheSameOrder() {
        String booking = newBooking();
        OrderView first = orders().create(request(booking));
        OrderView again = orders().create(request(booking));
        assertEquals(OrderService.orderIdOf(booking), first.getOrderId());
        assertEquals(first.getOrderId(), again.getOrderId());
        assertEquals(OrderStatus.CREATED, again.getStatus());
        assertEquals(booking, orders().get(first.getOrderId()).getBookingId());
        assertEquals(39_900, orders().get(first.getOrderId()).getAmountCents());
    }

    @Test
    void severalOrdersAreCreatedInOneCallInTheOrderAsked() {
        String a = newBooking();
        String b = newBooking();
        List<OrderView> created = orders().createAll(List.of(request(a), request(b)));
        assertEquals(List.of(OrderService.orderIdOf(a), OrderService.orderIdOf(b)),
                created.stream().map(OrderView::getOrderId).toList());
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertEquals("NOT_FOUND", BusinessErrors.codeOf(() -> orders().get(OrderService.orderIdOf(newBooking()))));
        assertEquals("NOT_FOUND", BusinessErrors.codeOf(() -> orders().close(OrderService.orderIdOf(newBooking()), "CANCELLED")));
    }

    @Test
    void anUnpaidOrderClosesAndClosingAgainChangesNothing() {
        OrderView o = orders().create(request(newBooking()));
        assertEquals(OrderStatus.CLOSED, orders().close(o.getOrderId(), "HOLD_EXPIRED").getStatus());
        assertEquals(OrderStatus.CLOSED, orders().close(o.getOrderId(), "CANCELLED").getStatus());
        assertEquals(OrderStatus.CLOSED, orders().get(o.getOrderId()).getStatus());
    }

    @Test
    void aPaidOrderIsNotClosedItIsAConflictAndStaysPaid() throws Exception {
        OrderView o = orders().create(request(newBooking()));
        pay(o);
        assertEquals("CONFLICT", BusinessErrors.codeOf(() -> orders().close(o.getOrderId(), "HOLD_EXPIRED")));
        OrderView now = orders().get(o.getOrderId());
        assertEquals(OrderStatus.PAID, now.getStatus());
        assertNotNull(now.getPaymentId());
    }
}
