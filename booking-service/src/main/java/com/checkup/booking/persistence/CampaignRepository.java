package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Campaign;
import com.checkup.platform.time.UtcColumns;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Campaigns: a company's booking programme at one hospital, its quota and budget taken with one conditional
 * update each. Plain SQL (JdbcTemplate) for now, like the rest of booking-service's set-based statements.
 */
@Repository
public class CampaignRepository {
    private final JdbcTemplate jdbc;

    public CampaignRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Campaign c, String createdBy) {
        jdbc.update("INSERT INTO campaign (id, company_id, name, hospital_id, package_ids, start_date, end_date, quota,"
                        + " budget_cents, daily_share, share_cutoff_days, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                c.id(), c.companyId(), c.name(), c.hospitalId(), String.join(",", c.packageIds()), Date.valueOf(c.startDate()),
                Date.valueOf(c.endDate()), c.quota(), c.budgetCents(), c.dailyShare(), c.shareCutoffDays(), createdBy,
                utc(c.createdAt()));
    }

    /** Marks the campaign cancelled; false when it already was. */
    public boolean cancel(String id) {
        return jdbc.update("UPDATE campaign SET status = 'CANCELLED' WHERE id = ? AND status = 'OPEN'", id) == 1;
    }

    public Optional<Campaign> find(String id) {
        return jdbc.query("SELECT * FROM campaign WHERE id = ?", CampaignRepository::campaign, id).stream().findFirst();
    }

    public List<Campaign> ofCompany(String companyId) {
        return jdbc.query("SELECT * FROM campaign WHERE company_id = ? ORDER BY created_at DESC LIMIT 200",
                CampaignRepository::campaign, companyId);
    }

    /** Takes one booking of the quota and its price of the budget, or false when either is used up. */
    public boolean takeQuota(String campaignId, long priceCents) {
        return jdbc.update("UPDATE campaign SET booked = booked + 1, spent_cents = spent_cents + ? WHERE id = ?"
                + " AND (quota IS NULL OR booked < quota) AND (budget_cents IS NULL OR spent_cents + ? <= budget_cents)",
                priceCents, campaignId, priceCents) == 1;
    }

    public void giveBackQuota(String campaignId, long priceCents) {
        jdbc.update("UPDATE campaign SET booked = booked - 1, spent_cents = spent_cents - ? WHERE id = ? AND booked > 0",
                priceCents, campaignId);
    }

    private static Campaign campaign(ResultSet rs, int i) throws SQLException {
        return new Campaign(rs.getString("id"), rs.getString("company_id"), rs.getString("name"), rs.getString("hospital_id"),
                List.of(rs.getString("package_ids").split(",")), rs.getDate("start_date").toLocalDate(),
                rs.getDate("end_date").toLocalDate(), (Integer) rs.getObject("quota"),
                rs.getObject("budget_cents") == null ? null : rs.getLong("budget_cents"), rs.getInt("booked"),
                rs.getLong("spent_cents"), rs.getInt("daily_share"), rs.getInt("share_cutoff_days"),
                "CANCELLED".equals(rs.getString("status")), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return UtcColumns.instant(rs.getObject(column, LocalDateTime.class));
    }
}
