package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Agreement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Agreements and their audit trail. */
@Repository
public class AgreementRepository {
    private final JdbcTemplate jdbc;

    public AgreementRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The agreement, locked for the rest of the transaction (a change and its audit row are one). */
    public Optional<Agreement> findForUpdate(String hospitalId, String companyId) {
        return jdbc.query("SELECT * FROM campaign_agreement WHERE hospital_id = ? AND company_id = ? FOR UPDATE",
                AgreementRepository::agreement, hospitalId, companyId).stream().findFirst();
    }

    public Optional<Agreement> find(String hospitalId, String companyId) {
        return jdbc.query("SELECT * FROM campaign_agreement WHERE hospital_id = ? AND company_id = ?",
                AgreementRepository::agreement, hospitalId, companyId).stream().findFirst();
    }

    public List<Agreement> all() {
        return jdbc.query("SELECT * FROM campaign_agreement ORDER BY hospital_id, company_id LIMIT 1000",
                AgreementRepository::agreement);
    }

    public List<Agreement> activeOf(String companyId) {
        return jdbc.query("SELECT * FROM campaign_agreement WHERE company_id = ? AND status = 'ACTIVE' ORDER BY hospital_id",
                AgreementRepository::agreement, companyId);
    }

    public void save(Agreement a, String oldDescription) {
        jdbc.update("INSERT INTO campaign_agreement (hospital_id, company_id, max_daily_share, max_slot_share_percent, status,"
                        + " updated_by, updated_at) VALUES (?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE max_daily_share = VALUES(max_daily_share),"
                        + " max_slot_share_percent = VALUES(max_slot_share_percent), status = VALUES(status),"
                        + " updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)",
                a.hospitalId(), a.companyId(), a.maxDailyShare(), a.maxSlotSharePercent(), a.active() ? "ACTIVE" : "ENDED",
                a.updatedBy(), utc(a.updatedAt()));
        jdbc.update("INSERT INTO campaign_agreement_audit (hospital_id, company_id, actor, old_value, new_value, changed_at)"
                + " VALUES (?,?,?,?,?,?)", a.hospitalId(), a.companyId(), a.updatedBy(), oldDescription, a.describe(),
                utc(a.updatedAt()));
    }

    private static Agreement agreement(ResultSet rs, int i) throws SQLException {
        return new Agreement(rs.getString("hospital_id"), rs.getString("company_id"), rs.getInt("max_daily_share"),
                rs.getInt("max_slot_share_percent"), "ACTIVE".equals(rs.getString("status")), rs.getString("updated_by"),
                rs.getObject("updated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

}
