package com.checkup.booking.rpc;

import com.checkup.booking.app.CampaignCommands;
import com.checkup.booking.app.RosterImports;
import com.checkup.booking.domain.Campaign;
import com.checkup.booking.domain.RosterImport;
import com.checkup.contracts.campaign.BookableHospitalView;
import com.checkup.contracts.campaign.CampaignProgress;
import com.checkup.contracts.campaign.CampaignRequest;
import com.checkup.contracts.campaign.CampaignService;
import com.checkup.contracts.campaign.CampaignView;
import com.checkup.contracts.campaign.CsvFile;
import com.checkup.contracts.campaign.EmployeeProgress;
import com.checkup.contracts.campaign.RosterError;
import com.checkup.contracts.campaign.RosterImportView;
import com.checkup.platform.events.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of HR's campaign use cases. */
@DubboService
public class CampaignRpcService implements CampaignService {
    private final CampaignCommands campaigns;
    private final RosterImports imports;

    public CampaignRpcService(CampaignCommands campaigns, RosterImports imports) {
        this.campaigns = campaigns;
        this.imports = imports;
    }

    @Override
    public CampaignView create(CampaignRequest request) {
        return view(campaigns.create(request), 0);
    }

    @Override
    public CampaignView cancel(String campaignId) {
        Campaign c = campaigns.cancel(campaignId);
        return view(c, campaigns.employees(c.id()));
    }

    @Override
    public List<BookableHospitalView> hospitals() {
        return campaigns.hospitals().stream().map(b -> {
            BookableHospitalView v = new BookableHospitalView();
            v.setHospitalId(b.hospital().id());
            v.setName(b.hospital().name());
            v.setCity(b.hospital().city());
            v.setTimezone(b.hospital().zone().getId());
            v.setMaxDailyShare(b.agreement().maxDailyShare());
            v.setMaxSlotSharePercent(b.agreement().maxSlotSharePercent());
            v.setPackages(BookingRpcService.packageViews(b.packages(), b.items()));
            return v;
        }).toList();
    }

    @Override
    public List<CampaignView> campaigns() {
        return campaigns.campaigns().stream().map(c -> view(c, campaigns.employees(c.id()))).toList();
    }

    @Override
    public CampaignView campaign(String campaignId) {
        Campaign c = campaigns.campaign(campaignId);
        return view(c, campaigns.employees(c.id()));
    }

    @Override
    public RosterImportView importRoster(String campaignId, byte[] csv) {
        return view(imports.start(campaignId, csv));
    }

    @Override
    public RosterImportView rosterImport(String campaignId, String importId) {
        return view(imports.find(campaignId, importId));
    }

    @Override
    public CampaignProgress progress(String campaignId) {
        CampaignCommands.Progress p = campaigns.progress(campaignId);
        CampaignProgress v = new CampaignProgress();
        v.setCampaignId(p.campaignId());
        v.setCounts(p.counts());
        v.setEmployees(p.lines().stream().map(l -> {
            EmployeeProgress e = new EmployeeProgress();
            e.setEmployeeNo(l.employeeNo());
            e.setName(l.name());
            e.setPackageId(l.packageId());
            e.setStatus(l.status());
            e.setDate(l.date() == null ? null : l.date().toString());
            e.setPeriod(l.period());
            return e;
        }).toList());
        return v;
    }

    @Override
    public CsvFile progressCsv(String campaignId) {
        CsvFile f = new CsvFile();
        f.setContent(campaigns.progressCsv(campaignId));
        f.setFileName("campaign-" + campaignId + "-progress.csv");
        f.setContentType("text/csv; charset=utf-8");
        return f;
    }

    static CampaignView view(Campaign c, int employees) {
        CampaignView v = new CampaignView();
        v.setCampaignId(c.id());
        v.setCompanyId(c.companyId());
        v.setName(c.name());
        v.setHospitalId(c.hospitalId());
        v.setPackageIds(c.packageIds());
        v.setStartDate(c.startDate().toString());
        v.setEndDate(c.endDate().toString());
        v.setQuota(c.quota());
        v.setBudgetCents(c.budgetCents());
        v.setBooked(c.booked());
        v.setSpentCents(c.spentCents());
        v.setDailyShare(c.dailyShare());
        v.setShareCutoffDays(c.shareCutoffDays());
        v.setPayer("COMPANY");
        v.setEmployees(employees);
        v.setCreatedAt(c.createdAt().toString());
        v.setStatus(c.cancelled() ? "CANCELLED" : "OPEN");
        return v;
    }

    private static RosterImportView view(RosterImport r) {
        RosterImportView v = new RosterImportView();
        v.setImportId(r.id());
        v.setCampaignId(r.campaignId());
        v.setStatus(r.status());
        v.setTotalRows(r.totalRows());
        v.setProcessedRows(r.processedRows());
        v.setCreated(r.created());
        v.setUpdated(r.updated());
        v.setUnchanged(r.unchanged());
        v.setRejected(r.rejected());
        try {
            v.setErrors(r.errorsJson() == null ? List.of()
                    : Json.MAPPER.readValue(r.errorsJson(), new TypeReference<List<RosterError>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        v.setFailure(r.failure());
        v.setStartedAt(r.startedAt().toString());
        v.setFinishedAt(r.finishedAt() == null ? null : r.finishedAt().toString());
        return v;
    }
}
