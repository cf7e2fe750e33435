package com.checkup.order.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.CreateOrderRequest;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.payment.PaymentEvent;
import com.checkup.order.domain.Order;
import com.checkup.order.persistence.OrderRepository;
import com.checkup.platform.context.Callers;
import com.checkup.platform.events.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Order use cases. Each state change and its event commit together (outbox). Orders are created, closed and fulfilled
 * by the platform only (booking-service, as itself); ops may read one. No end user calls order-service: the gateway
 * has no route to it, and an anonymous or end-user caller is refused (fail closed).
 */
@Service
public class OrderCommands {
    private static final Logger log = LoggerFactory.getLogger(OrderCommands.class);
    /** Most orders one {@link #createAll} call may create. */
    static final int MAX_BATCH = 100;

    private final OrderRepository orders;
    private final EventPublisher events;
    private final Clock clock;

    public OrderCommands(OrderRepository orders, EventPublisher events, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    /** Idempotent per booking: the same request returns the existing order; a different one is a conflict. */
    @Transactional
    public Order create(CreateOrderRequest req) {
        Callers.require(Persona.SYSTEM);
        if (req == null) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "request is required");
        }
        Order fresh = Order.create(req.getBookingId(), req.getConsumerId(), req.getHospitalId(), req.getPackageId(),
                req.getAmountCents(), now());
        try {
            // Insert first: a repeat is rare, and the booking's unique key tells it apart (MariaDB rolls back only the
            // failed statement, not the transaction, so a batch of createAll goes on).
            orders.insert(fresh);
        } catch (DuplicateKeyException repeat) {
            // The same request again, or another for the same booking that won the race: answer like a repeat.
            return sameOrConflict(orders.findByBooking(fresh.bookingId()).orElseThrow(), req);
        }
        publish(OrderEvent.CREATED, fresh, null);
        return fresh;
    }

    /** {@link #create} for several bookings in one transaction: all or nothing. */
    @Transactional
    public List<Order> createAll(List<CreateOrderRequest> requests) {
        Callers.require(Persona.SYSTEM);
        if (requests == null || requests.isEmpty() || requests.size() > MAX_BATCH) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "1 to " + MAX_BATCH + " requests are required");
        }
        return requests.stream().map(this::create).toList();
    }

    private static Order sameOrConflict(Order existing, CreateOrderRequest req) {
        if (existing.sameRequestAs(req.getConsumerId(), req.getHospitalId(), req.getPackageId(), req.getAmountCents())) {
            return existing;
        }
        throw new BusinessException(ErrorCode.IDEMPOTENCY_CONFLICT,
                "Booking " + existing.bookingId() + " already has order " + existing.id() + " with different data");
    }

    @Transactional(readOnly = true)
    public Order get(String orderId) {
        Callers.require(Persona.SYSTEM, Persona.OPS);
        return load(orderId);
    }

    @Transactional
    public Order close(String orderId, String reason) {
        Callers.require(Persona.SYSTEM);
        Order o = load(orderId);
        if (o.close(reason, now())) {
            orders.update(o);
            publish(OrderEvent.CLOSED, o, o.closeReason());
        }
        return o;
    }

    @Transactional
    public Order fulfil(String orderId) {
        Callers.require(Persona.SYSTEM);
        Order o = load(orderId);
        if (o.fulfil(now())) {
            orders.update(o);
            publish(OrderEvent.FULFILLED, o, null);
        }
        return o;
    }

    /** On {@code payment.succeeded}. */
    @Transactional
    public void paymentSucceeded(PaymentEvent p) {
        Order o = forEvent(p);
        if (o == null) {
            return;
        }
        switch (o.pay(p.getPaymentId(), p.getAmountCents(), now())) {
            case PAID -> {
                orders.update(o);
                publish(OrderEvent.PAID, o, null);
            }
            case ALREADY_PAID -> log.info("Payment {} for order {} seen again: nothing to do", p.getPaymentId(), o.id());
            // Reconciliation in payment-service refunds payments whose order did not take them.
            case AMOUNT_MISMATCH -> log.error("Payment {} confirmed {} cents for order {} of {} cents: not accepted",
                    p.getPaymentId(), p.getAmountCents(), o.id(), o.amountCents());
            case NEEDS_REFUND -> log.warn("Payment {} arrived for order {} in state {} (paid by {}): it must be refunded",
                    p.getPaymentId(), o.id(), o.status(), o.paymentId());
        }
    }

    /** On {@code payment.refunded}. */
    @Transactional
    public void paymentRefunded(PaymentEvent p) {
        Order o = forEvent(p);
        if (o == null) {
            return;
        }
        boolean refundOfItsPayment = o.status() == OrderStatus.REFUNDED
                || o.status() == OrderStatus.PAID && p.getPaymentId() != null && p.getPaymentId().equals(o.paymentId());
        if (!refundOfItsPayment) {
            // Redelivery cannot make this apply (and throwing would redeliver it forever): record it loudly.
            log.error("Refund of payment {} does not apply to order {} ({}, paid by {}): ignored",
                    p.getPaymentId(), o.id(), o.status(), o.paymentId());
            return;
        }
        if (o.refund(p.getPaymentId(), now())) {
            orders.update(o);
            publish(OrderEvent.REFUNDED, o, null);
        }
    }

    /**
     * The order a payment event is about, or null (logged) when there is none: redelivering cannot fix that, and
     * throwing here would roll back the record that the event was handled.
     */
    private Order forEvent(PaymentEvent p) {
        if (p.getOrderId() == null || p.getOrderId().isBlank()) {
            log.error("Payment event for payment {} names no order: ignored", p.getPaymentId());
            return null;
        }
        Order o = orders.find(p.getOrderId().trim()).orElse(null);
        if (o == null) {
            log.error("Payment {} is for order {}, which does not exist: ignored", p.getPaymentId(), p.getOrderId());
        }
        return o;
    }

    private Order load(String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "orderId is required");
        }
        return orders.find(orderId.trim())
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No order " + orderId));
    }

    private void publish(String type, Order o, String reason) {
        OrderEvent e = new OrderEvent();
        e.setOrderId(o.id());
        e.setBookingId(o.bookingId());
        e.setConsumerId(o.consumerId());
        e.setHospitalId(o.hospitalId());
        e.setAmountCents(o.amountCents());
        e.setStatus(o.status());
        e.setPaymentId(o.paymentId());
        e.setReason(reason);
        events.publish(Topics.ORDER, type, o.id(), e);
    }

    private Instant now() {
        return clock.instant();
    }
}
