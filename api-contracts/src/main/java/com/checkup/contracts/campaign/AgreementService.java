package com.checkup.contracts.campaign;

import java.util.List;

/**
 * Agreements between a hospital and a company (persona {@code OPS} only; every change audited): a company runs
 * campaigns only at hospitals it has an agreement with, and its campaigns' shares of capacity stay within the
 * agreement's limits, so no company can make a hospital unbookable for everyone else.
 */
public interface AgreementService {
    /**
     * Creates or changes the agreement of {@code hospitalId} and {@code companyId}: the largest {@code dailyShare} a
     * campaign may ask for, and the largest part of any one slot (in percent, 1–100) its share may take. Campaigns
     * already running keep what they set aside. VALIDATION_FAILED names a bad value, NOT_FOUND an unknown hospital.
     */
    AgreementView agree(String hospitalId, String companyId, Integer maxDailyShare, Integer maxSlotSharePercent);

    /** Every agreement, by hospital and company. */
    List<AgreementView> agreements();

    /** Ends an agreement: no new campaign; campaigns already running go on. NOT_FOUND when there is none. */
    AgreementView end(String hospitalId, String companyId);
}
