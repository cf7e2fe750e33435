package com.checkup.booking.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;

public enum Gender {
    MALE,
    FEMALE;

    public static Gender parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, field + " is required (MALE or FEMALE)");
        }
        try {
            return valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, field + " must be MALE or FEMALE, not '" + text + "'");
        }
    }
}
