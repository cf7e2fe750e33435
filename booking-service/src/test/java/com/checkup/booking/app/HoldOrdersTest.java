package com.checkup.booking.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.checkup.booking.domain.Booking;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.Test;

/** Creating the orders of holds written together: one call; one by one only when one order is the problem. */
class HoldOrdersTest {
    private final Orders port = mock(Orders.class);
    private final HoldOrders orders = new HoldOrders(port);
    private final Booking b1 = UseCaseFixtures.held("B1");
    private final Booking b2 = UseCaseFixtures.held("B2");

    @Test
    void allInOneCall() {
        assertThat(orders.createAll(List.of(b1, b2))).isEmpty();
        verify(port).createAll(anyList());
        verify(port, never()).create(any());
    }

    @Test
    void whenOneOrderIsRefusedEachIsCreatedAloneAndOnlyThatOneFails() {
        when(port.createAll(anyList())).thenThrow(new BusinessException(ErrorCode.IDEMPOTENCY_CONFLICT, "B2 differs"));
        when(port.create(any())).thenAnswer(inv -> {
            if (inv.<com.checkup.contracts.order.CreateOrderRequest>getArgument(0).getBookingId().equals("B2")) {
                throw new BusinessException(ErrorCode.IDEMPOTENCY_CONFLICT, "B2 differs");
            }
            return null;
        });
        Map<String, BusinessException> failed = orders.createAll(List.of(b1, b2));
        assertThat(failed).containsOnlyKeys("B2");
        verify(port, times(2)).create(any());
    }

    @Test
    void whenOrderServiceShedsLoadOrCannotBeReachedNoneIsRetriedAndEachIsToldToRepeat() {
        for (RuntimeException why : List.of(new BusinessException(ErrorCode.TOO_MANY_REQUESTS, "busy"),
                new BusinessException(ErrorCode.UNAVAILABLE, "down"), new RpcException(RpcException.TIMEOUT_EXCEPTION, "slow"))) {
            doThrow(why).when(port).createAll(anyList());
            Map<String, BusinessException> failed = orders.createAll(List.of(b1, b2));
            assertThat(failed).containsOnlyKeys("B1", "B2");
            assertThat(failed.values()).allSatisfy(e -> {
                assertThat(e.getCode()).isEqualTo(ErrorCode.UNAVAILABLE.name());
                assertThat(e.getMessage()).contains("repeat the request with the same Idempotency-Key");
            });
        }
        verify(port, never()).create(any());
    }
}
