package com.checkup.booking.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.booking.domain.Agreement;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Agreements and their audit trail. */
@Repository
public class AgreementRepository {
    private final AgreementMapper mapper;

    public AgreementRepository(AgreementMapper mapper) {
        this.mapper = mapper;
    }

    /** The agreement, locked for the rest of the transaction (a change and its audit row are one). */
    public Optional<Agreement> findForUpdate(String hospitalId, String companyId) {
        return Optional.ofNullable(mapper.find(hospitalId, companyId, true)).map(AgreementRepository::agreement);
    }

    public Optional<Agreement> find(String hospitalId, String companyId) {
        return Optional.ofNullable(mapper.find(hospitalId, companyId, false)).map(AgreementRepository::agreement);
    }

    public List<Agreement> all() {
        return mapper.all().stream().map(AgreementRepository::agreement).toList();
    }

    public List<Agreement> activeOf(String companyId) {
        return mapper.activeOf(companyId).stream().map(AgreementRepository::agreement).toList();
    }

    public void save(Agreement a, String oldDescription) {
        AgreementRow r = new AgreementRow();
        r.hospitalId = a.hospitalId();
        r.companyId = a.companyId();
        r.maxDailyShare = a.maxDailyShare();
        r.maxSlotSharePercent = a.maxSlotSharePercent();
        r.status = a.active() ? "ACTIVE" : "ENDED";
        r.updatedBy = a.updatedBy();
        r.updatedAt = utc(a.updatedAt());
        mapper.upsert(r);
        mapper.audit(r, oldDescription, a.describe());
    }

    private static Agreement agreement(AgreementRow r) {
        return new Agreement(r.hospitalId, r.companyId, r.maxDailyShare, r.maxSlotSharePercent, "ACTIVE".equals(r.status),
                r.updatedBy, instant(r.updatedAt));
    }
}
