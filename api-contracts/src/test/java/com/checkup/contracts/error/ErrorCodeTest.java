package com.checkup.contracts.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void unknownWireCodeIsReadAsInternal() {
        assertEquals(ErrorCode.INTERNAL, ErrorCode.fromWire("SOMETHING_FROM_A_NEWER_SERVICE"));
        assertEquals(ErrorCode.INTERNAL, ErrorCode.fromWire(null));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, ErrorCode.fromWire("TOO_MANY_REQUESTS"));
    }

    @Test
    void businessExceptionCarriesCodeAndStatusWithoutStackTrace() {
        BusinessException e = new BusinessException(ErrorCode.TOO_MANY_REQUESTS, "slow down");
        assertEquals("TOO_MANY_REQUESTS", e.getCode());
        assertEquals(429, e.getHttpStatus());
        assertEquals(0, e.getStackTrace().length);
        assertNull(e.getCause());
        ErrorEnvelope env = ErrorEnvelope.of(e, "t-1");
        assertEquals("TOO_MANY_REQUESTS", env.getCode());
        assertEquals("slow down", env.getMessage());
        assertEquals("t-1", env.getTraceId());
    }
}
