package com.checkup.booking.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * When a paid booking can last be cancelled or moved: a hospital-specific time before the exam day starts (in the
 * hospital's zone). With the default of 6 hours that is 18:00 on the day before.
 */
public record ChangeDeadline(Duration beforeExamDay) {
    public ZonedDateTime deadline(LocalDate examDate, ZoneId zone) {
        return examDate.atStartOfDay(zone).minus(beforeExamDay);
    }

    public void check(LocalDate examDate, ZoneId zone, Instant now, String what) {
        ZonedDateTime d = deadline(examDate, zone);
        if (!now.isBefore(d.toInstant())) {
            throw new BusinessException(ErrorCode.CONFLICT, what + " closed at "
                    + d.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " (" + zone + ") for an exam on " + examDate);
        }
    }
}
