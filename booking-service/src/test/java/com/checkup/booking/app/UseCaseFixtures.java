package com.checkup.booking.app;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Examinee;
import com.checkup.booking.domain.Gender;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Slot;
import com.checkup.contracts.order.OrderService;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** What the booking use-case unit tests share: a held booking, an order as order-service would answer, a pass-through transaction. */
final class UseCaseFixtures {
    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    static final CheckupPackage CT = new CheckupPackage("H001-CT", "H001", "CT", 129_900, "ANY", 25, 120, true,
            List.of("CT", "ULTRASOUND"));

    private UseCaseFixtures() {
    }

    /** Held at {@link #NOW} for 15 minutes, with its order id. */
    static Booking held(String id) {
        Booking b = Booking.hold(id, "consumer1", "key-" + id, "fp", CT, new Slot("H001", DAY, Period.MORNING),
                new Examinee("A", Gender.MALE, LocalDate.of(1990, 3, 7), "110105199003071234", "13812345678"),
                NOW.plus(Duration.ofMinutes(15)), NOW);
        b.attachOrder(OrderService.orderIdOf(id));
        return b;
    }

    static OrderView order(Booking b, OrderStatus status) {
        OrderView o = new OrderView();
        o.setOrderId(b.orderId());
        o.setBookingId(b.id());
        o.setStatus(status);
        return o;
    }

    /** A TransactionTemplate that runs what it is given (the unit under test decides what goes in one transaction). */
    @SuppressWarnings("unchecked")
    static TransactionTemplate passThrough() {
        TransactionTemplate tx = mock(TransactionTemplate.class);
        TransactionStatus status = mock(TransactionStatus.class);
        when(tx.execute(any())).thenAnswer(inv -> inv.<TransactionCallback<Object>>getArgument(0).doInTransaction(status));
        doAnswer(inv -> {
            inv.<Consumer<TransactionStatus>>getArgument(0).accept(status);
            return null;
        }).when(tx).executeWithoutResult(any());
        return tx;
    }
}
