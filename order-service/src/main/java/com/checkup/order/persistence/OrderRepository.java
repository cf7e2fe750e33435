package com.checkup.order.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.order.domain.Order;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
        return Optional.ofNullable(mapper.selectOne(new LambdaQueryWrapper<OrderRow>().eq(OrderRow::getBookingId, bookingId)))
                .map(OrderRepository::fromRow);
    }

    /** Inserts a new order; a second order for the same booking fails on the unique key (DuplicateKeyException). */
    public void insert(Order o) {
        mapper.insert(toRow(o));
    }

    /** Writes the order's new state if nobody changed it since it was read; otherwise a retryable CONFLICT. */
    public void update(Order o) {
        int n = mapper.update(null, new LambdaUpdateWrapper<OrderRow>()
                .set(OrderRow::getStatus, o.status().name())
                .set(OrderRow::getPaymentId, o.paymentId())
                .set(OrderRow::getCloseReason, o.closeReason())
                .set(OrderRow::getUpdatedAt, utc(o.updatedAt()))
                .setSql("version = version + 1")
                .eq(OrderRow::getId, o.id())
                .eq(OrderRow::getVersion, o.version()));
        if (n != 1) {
            throw new BusinessException(ErrorCode.CONFLICT, "Order " + o.id() + " was changed concurrently; try again");
        }
    }

    private static OrderRow toRow(Order o) {
        OrderRow r = new OrderRow();
        r.setId(o.id());
        r.setBookingId(o.bookingId());
        r.setConsumerId(o.consumerId());
        r.setHospitalId(o.hospitalId());
        r.setPackageId(o.packageId());
        r.setAmountCents(o.amountCents());
        r.setStatus(o.status().name());
        r.setPaymentId(o.paymentId());
        r.setCloseReason(o.closeReason());
        r.setVersion(o.version());
        r.setCreatedAt(utc(o.createdAt()));
        r.setUpdatedAt(utc(o.updatedAt()));
        return r;
    }

    private static Order fromRow(OrderRow r) {
        return Order.restore(r.getId(), r.getBookingId(), r.getConsumerId(), r.getHospitalId(), r.getPackageId(),
                r.getAmountCents(), OrderStatus.valueOf(r.getStatus()), r.getPaymentId(), r.getCloseReason(),
                r.getCreatedAt().toInstant(ZoneOffset.UTC), r.getUpdatedAt().toInstant(ZoneOffset.UTC), r.getVersion());
    }

}
