package com.checkup.booking.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.LocalDate;
import java.util.List;

/**
 * A package a hospital sells. {@code gender} is MALE, FEMALE or ANY; ages are inclusive, at the exam date.
 * {@code resources} are the limited resources its items use (sorted, without GENERAL).
 */
public record CheckupPackage(String id, String hospitalId, String name, long priceCents, String gender,
                             int minAge, int maxAge, boolean active, List<String> resources) {

    /** Throws NOT_ELIGIBLE, saying why, when the examinee may not take this package on that day. */
    public void checkEligible(Examinee e, LocalDate examDate) {
        if (!"ANY".equals(gender) && !gender.equals(e.gender().name())) {
            throw new BusinessException(ErrorCode.NOT_ELIGIBLE, "Package " + id + " is for " + gender.toLowerCase()
                    + " examinees only");
        }
        int age = e.ageOn(examDate);
        if (age < minAge || age > maxAge) {
            throw new BusinessException(ErrorCode.NOT_ELIGIBLE, "Package " + id + " is for ages " + minAge + " to "
                    + maxAge + "; the examinee will be " + age + " on " + examDate);
        }
    }
}
