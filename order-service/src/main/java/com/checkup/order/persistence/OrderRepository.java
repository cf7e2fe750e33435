package com.checkup.order.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.order.domain.Order;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Orders in MySQL. Updates are conditional on the version read, so two writers never overwrite each other. */
@Repository
public class OrderRepository {
    private final OrderMapper mapper;

    public OrderRepository(OrderMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<Order> find(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(OrderRepository::fromRow);
    }

    public Optional<Order> findByBooking(String bookingId) {
        return Optional.ofNullable(mapper.selectByBooking(bookingId))
                .map(OrderRepository::fromRow);
    }

    /** Inserts a new order; a second order for the same booking fails on the unique key (DuplicateKeyException). */
    public void insert(Order o) {
        mapper.insert(toRow(o));
    }

    /** Writes the order's new state if nobody changed it since it was read; otherwise a retryable CONFLICT. */
    public void update(Order o) {
        int n = mapper.updateState(o.id(), o.version(), o.status().name(), o.paymentId(), o.closeReason(), utc(o.updatedAt()));
        if (n != 1) {
            throw new BusinessException(ErrorCode.CONFLICT, "Order " + o.id() + " was changed concurrently; try again");
        }
    }

    private static OrderRow toRow(Order o) {
        OrderRow r = new OrderRow();
        r.id = o.id();
        r.bookingId = o.bookingId();
        r.consumerId = o.consumerId();
        r.hospitalId = o.hospitalId();
        r.packageId = o.packageId();
        r.amountCents = o.amountCents();
        r.status = o.status().name();
        r.paymentId = o.paymentId();
        r.closeReason = o.closeReason();
        r.version = o.version();
        r.createdAt = utc(o.createdAt());
        r.updatedAt = utc(o.updatedAt());
        return r;
    }

    private static Order fromRow(OrderRow r) {
        return Order.restore(r.id, r.bookingId, r.consumerId, r.hospitalId, r.packageId,
                r.amountCents, OrderStatus.valueOf(r.status), r.paymentId, r.closeReason,
                instant(r.createdAt), instant(r.updatedAt), r.version);
    }

}
