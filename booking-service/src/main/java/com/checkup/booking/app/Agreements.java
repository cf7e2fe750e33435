package com.checkup.booking.app;

import com.checkup.booking.domain.Agreement;
import com.checkup.booking.persistence.AgreementRepository;
import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.context.Callers;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Ops' use cases on hospital–company agreements; each change and its audit row commit together. */
@Service
public class Agreements {
    private static final Logger log = LoggerFactory.getLogger(Agreements.class);
    private final AgreementRepository agreements;
    private final CatalogueQueries catalogue;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Agreements(AgreementRepository agreements, CatalogueQueries catalogue, TransactionTemplate tx, Clock clock) {
        this.agreements = agreements;
        this.catalogue = catalogue;
        this.tx = tx;
        this.clock = clock;
    }

    public Agreement agree(String hospitalId, String companyId, Integer maxDailyShare, Integer maxSlotSharePercent) {
        Callers.require(Persona.OPS);
        if (maxDailyShare == null || maxSlotSharePercent == null) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "maxDailyShare and maxSlotSharePercent are required");
        }
        String hospital = catalogue.hospital(hospitalId).id();
        Agreement a = Agreement.of(hospital, companyId == null ? null : companyId.trim(), maxDailyShare,
                maxSlotSharePercent, BookingAccess.actor(), clock.instant());
        tx.executeWithoutResult(s -> {
            String before = agreements.findForUpdate(a.hospitalId(), a.companyId()).map(Agreement::describe).orElse(null);
            agreements.save(a, before);
        });
        log.info("Agreement {} / {} set by {}: {}", a.hospitalId(), a.companyId(), a.updatedBy(), a.describe());
        return a;
    }

    public List<Agreement> all() {
        Callers.require(Persona.OPS);
        return agreements.all();
    }

    public Agreement end(String hospitalId, String companyId) {
        Callers.require(Persona.OPS);
        String hospital = CatalogueQueries.required("hospitalId", hospitalId);
        String company = CatalogueQueries.required("companyId", companyId);
        Agreement ended = tx.execute(s -> {
            Agreement a = agreements.findForUpdate(hospital, company).orElseThrow(() -> new BusinessException(
                    ErrorCode.NOT_FOUND, "No agreement of " + company + " with hospital " + hospital));
            Agreement e = new Agreement(a.hospitalId(), a.companyId(), a.maxDailyShare(), a.maxSlotSharePercent(), false,
                    BookingAccess.actor(), clock.instant());
            agreements.save(e, a.describe());
            return e;
        });
        log.info("Agreement {} / {} ended by {}", hospital, company, ended.updatedBy());
        return ended;
    }

    /** A company's active agreements, by hospital id (the caller's right to ask is checked by whoever calls). */
    List<Agreement> activeOf(String companyId) {
        return agreements.activeOf(companyId);
    }

    /** {@link #forCampaign}, locked until the transaction ends (call in one). */
    Agreement lockedForCampaign(String hospitalId, String companyId) {
        return agreements.findForUpdate(hospitalId, companyId).orElseThrow(() -> new BusinessException(ErrorCode.FORBIDDEN,
                companyId + " has no agreement with hospital " + hospitalId + ": ask the platform to set one up first"));
    }

    /** The company's agreement with the hospital, for a new campaign; FORBIDDEN without one. */
    Agreement forCampaign(String hospitalId, String companyId) {
        return agreements.find(hospitalId, companyId).orElseThrow(() -> new BusinessException(ErrorCode.FORBIDDEN,
                companyId + " has no agreement with hospital " + hospitalId + ": ask the platform to set one up first"));
    }
}
