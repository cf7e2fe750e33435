package com.checkup.booking.rpc;

import com.checkup.booking.app.Agreements;
import com.checkup.booking.domain.Agreement;
import com.checkup.contracts.campaign.AgreementService;
import com.checkup.contracts.campaign.AgreementView;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of ops' agreement use cases. */
@DubboService
public class AgreementRpcService implements AgreementService {
    private final Agreements agreements;

    public AgreementRpcService(Agreements agreements) {
        this.agreements = agreements;
    }

    @Override
    public AgreementView agree(String hospitalId, String companyId, Integer maxDailyShare, Integer maxSlotSharePercent) {
        return view(agreements.agree(hospitalId, companyId, maxDailyShare, maxSlotSharePercent));
    }

    @Override
    public List<AgreementView> agreements() {
        return agreements.all().stream().map(AgreementRpcService::view).toList();
    }

    @Override
    public AgreementView end(String hospitalId, String companyId) {
        return view(agreements.end(hospitalId, companyId));
    }

    static AgreementView view(Agreement a) {
        AgreementView v = new AgreementView();
        v.setHospitalId(a.hospitalId());
        v.setCompanyId(a.companyId());
        v.setMaxDailyShare(a.maxDailyShare());
        v.setMaxSlotSharePercent(a.maxSlotSharePercent());
        v.setStatus(a.active() ? "ACTIVE" : "ENDED");
        v.setUpdatedBy(a.updatedBy());
        v.setUpdatedAt(a.updatedAt().toString());
        return v;
    }
}
