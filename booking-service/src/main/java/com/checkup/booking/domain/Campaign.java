package com.checkup.booking.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A company's group check-up with one hospital: the packages it offers its employees, the days they may come, and
 * what the company pays for at most (a number of bookings and/or a budget). Optionally a share of each slot is set
 * aside for it, so employees find places and walk-in consumers keep the rest; an unused share goes back to
 * everyone {@code shareCutoffDays} before its day.
 */
public record Campaign(String id, String companyId, String name, String hospitalId, List<String> packageIds,
                       LocalDate startDate, LocalDate endDate, Integer quota, Long budgetCents, int booked,
                       long spentCents, int dailyShare, int shareCutoffDays, boolean cancelled, Instant createdAt) {
    public static final int MAX_DAYS = 92;
    public static final int DEFAULT_CUTOFF_DAYS = 2;

    /** Checks a new campaign's terms (today and the farthest bookable day are the hospital's). */
    public static Campaign open(String id, String companyId, String name, String hospitalId, List<String> packageIds,
                                LocalDate start, LocalDate end, Integer quota, Long budgetCents, Integer dailyShare,
                                Integer cutoffDays, LocalDate today, LocalDate lastBookable, Instant now) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 64) {
            throw invalid("name is required, at most 64 characters");
        }
        if (packageIds == null || packageIds.isEmpty() || packageIds.size() > 20) {
            throw invalid("packageIds: between 1 and 20 packages are required");
        }
        if (start.isBefore(today)) {
            throw invalid("startDate " + start + " is in the past (today is " + today + ")");
        }
        if (end.isBefore(start)) {
            throw invalid("endDate " + end + " is before startDate " + start);
        }
        if (end.isAfter(lastBookable)) {
            throw invalid("endDate " + end + " is too far ahead: the hospital takes bookings up to " + lastBookable);
        }
        if (start.plusDays(MAX_DAYS - 1).isBefore(end)) {
            throw invalid("a campaign lasts at most " + MAX_DAYS + " days");
        }
        if (quota != null && (quota < 1 || quota > 1_000_000)) {
            throw invalid("quota must be between 1 and 1000000");
        }
        if (budgetCents != null && budgetCents < 1) {
            throw invalid("budgetCents must be positive");
        }
        int share = dailyShare == null ? 0 : dailyShare;
        if (share < 0 || share > 10_000) {
            throw invalid("dailyShare must be between 0 and 10000");
        }
        int cutoff = cutoffDays == null ? DEFAULT_CUTOFF_DAYS : cutoffDays;
        // At least a day: a share must go back to walk-ins before its day, never hold the last places of the morning.
        if (cutoff < 1 || cutoff > 30) {
            throw invalid("shareCutoffDays must be between 1 and 30");
        }
        return new Campaign(id, companyId, n, hospitalId, List.copyOf(packageIds), start, end, quota, budgetCents, 0, 0,
                share, cutoff, false, now);
    }

    /** An employee may book {@code day}: the campaign is still open and the day in its window. */
    public void checkBookable(LocalDate day, LocalDate today) {
        if (cancelled) {
            throw new BusinessException(ErrorCode.CONFLICT, "Campaign " + name + " was cancelled by the company");
        }
        if (today.isAfter(endDate)) {
            throw new BusinessException(ErrorCode.CONFLICT, "Campaign " + name + " closed on " + endDate);
        }
        if (day.isBefore(startDate) || day.isAfter(endDate)) {
            throw invalid("date " + day + " is outside the campaign's days (" + startDate + " to " + endDate + ")");
        }
        if (day.isBefore(today)) {
            throw invalid("date " + day + " is in the past (today is " + today + ")");
        }
    }

    /** Whether bookings for {@code day} come from the campaign's share (set aside, not yet given back). */
    public boolean shareInEffect(LocalDate day, LocalDate today) {
        return !cancelled && dailyShare > 0 && today.isBefore(day.minusDays(shareCutoffDays));
    }

    public boolean offers(String packageId) {
        return packageIds.contains(packageId);
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }
}
