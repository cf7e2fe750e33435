package com.checkup.booking.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;

/** Half-day a place is booked in. */
public enum Period {
    MORNING,
    AFTERNOON;

    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "period is required (MORNING or AFTERNOON)");
        }
        try {
            return valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "period must be MORNING or AFTERNOON, not '" + text + "'");
        }
    }
}
