package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Campaign;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * Campaigns: a company's booking programme at one hospital, its quota and budget taken with one conditional
 * update each.
 */
@Repository
public class CampaignRepository {
    private final CampaignMapper mapper;

    public CampaignRepository(CampaignMapper mapper) {
        this.mapper = mapper;
    }

    public void insert(Campaign c, String createdBy) {
        CampaignRow r = new CampaignRow();
        r.id = c.id();
        r.companyId = c.companyId();
        r.name = c.name();
        r.hospitalId = c.hospitalId();
        r.packageIds = String.join(",", c.packageIds());
        r.startDate = c.startDate();
        r.endDate = c.endDate();
        r.quota = c.quota();
        r.budgetCents = c.budgetCents();
        r.dailyShare = c.dailyShare();
        r.shareCutoffDays = c.shareCutoffDays();
        r.status = "OPEN";
        r.createdBy = createdBy;
        r.createdAt = utc(c.createdAt());
        mapper.insert(r);
    }

    /** Marks the campaign cancelled; false when it already was. */
    public boolean cancel(String id) {
        return mapper.cancel(id) == 1;
    }

    public Optional<Campaign> find(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(CampaignRepository::campaign);
    }

    public List<Campaign> ofCompany(String companyId) {
        return mapper.ofCompany(companyId).stream().map(CampaignRepository::campaign).toList();
    }

    /** Takes one booking of the quota and its price of the budget, or false when either is used up. */
    public boolean takeQuota(String campaignId, long priceCents) {
        return mapper.takeQuota(campaignId, priceCents) == 1;
    }

    public void giveBackQuota(String campaignId, long priceCents) {
        mapper.giveBackQuota(campaignId, priceCents);
    }

    private static Campaign campaign(CampaignRow r) {
        return new Campaign(r.id, r.companyId, r.name, r.hospitalId, List.of(r.packageIds.split(",")), r.startDate, r.endDate,
                r.quota, r.budgetCents, r.booked, r.spentCents, r.dailyShare, r.shareCutoffDays, "CANCELLED".equals(r.status),
                instant(r.createdAt));
    }
}
