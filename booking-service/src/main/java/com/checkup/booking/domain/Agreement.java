package com.checkup.booking.domain;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Instant;

/**
 * What a hospital agreed with a company: its campaigns there may set aside at most {@code maxDailyShare} places of a
 * slot, and never more than {@code maxSlotSharePercent} of the slot. Without one (or once ended) the company runs no
 * new campaign at that hospital.
 */
public record Agreement(String hospitalId, String companyId, int maxDailyShare, int maxSlotSharePercent, boolean active,
                        String updatedBy, Instant updatedAt) {
    public static final int MAX_DAILY_SHARE = 1000;

    public static Agreement of(String hospitalId, String companyId, int maxDailyShare, int maxSlotSharePercent,
                               String actor, Instant now) {
        if (companyId == null || !companyId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw invalid("companyId: 1 to 64 letters, digits, '_' or '-'");
        }
        if (maxDailyShare < 0 || maxDailyShare > MAX_DAILY_SHARE) {
            throw invalid("maxDailyShare must be between 0 and " + MAX_DAILY_SHARE);
        }
        if (maxSlotSharePercent < 1 || maxSlotSharePercent > 100) {
            throw invalid("maxSlotSharePercent must be between 1 and 100");
        }
        return new Agreement(hospitalId, companyId, maxDailyShare, maxSlotSharePercent, true, actor, now);
    }

    /** A campaign's daily share is within the agreement (FORBIDDEN when the agreement has ended). */
    public void checkCampaign(int dailyShare) {
        if (!active) {
            throw new BusinessException(ErrorCode.FORBIDDEN, "The agreement of " + companyId + " with hospital " + hospitalId
                    + " has ended: no new campaign there");
        }
        if (dailyShare > maxDailyShare) {
            throw invalid("dailyShare " + dailyShare + " is over the " + maxDailyShare + " places a slot the agreement with "
                    + hospitalId + " allows");
        }
    }

    /**
     * The most places a new campaign's share may take of a slot of {@code total} places of which the company's other
     * open campaigns already set {@code companyShare} aside: the agreement's limits hold for the company, not per
     * campaign (five small campaigns take no more than one large one).
     */
    public int slotCap(int dailyShare, int total, int companyShare) {
        int byPlaces = maxDailyShare - companyShare;
        int byPercent = (int) ((long) total * maxSlotSharePercent / 100) - companyShare;
        return Math.max(0, Math.min(dailyShare, Math.min(byPlaces, byPercent)));
    }

    /** How the audit trail shows it. */
    public String describe() {
        return (active ? "ACTIVE" : "ENDED") + " maxDailyShare=" + maxDailyShare + " maxSlotSharePercent=" + maxSlotSharePercent;
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }
}
