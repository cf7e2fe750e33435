package com.checkup.platform.embedded;

import com.checkup.contracts.error.BusinessException;

/** Test support: the error code a call ends with. */
public final class BusinessErrors {
    private BusinessErrors() {
    }

    /** The {@link BusinessException} code the call threw, or {@code "none"} if it returned normally. */
    public static String codeOf(Runnable call) {
        try {
            call.run();
            return "none";
        } catch (BusinessException e) {
            return e.getCode();
        }
    }
}
