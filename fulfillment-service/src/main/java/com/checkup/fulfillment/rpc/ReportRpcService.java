package com.checkup.fulfillment.rpc;

import com.checkup.contracts.fulfillment.ReportAccessView;
import com.checkup.contracts.fulfillment.ReportFile;
import com.checkup.contracts.fulfillment.ReportService;
import com.checkup.contracts.fulfillment.ReportView;
import com.checkup.fulfillment.app.ReportCommands;
import com.checkup.fulfillment.domain.Report;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of the report use cases. */
@DubboService
public class ReportRpcService implements ReportService {
    private final ReportCommands commands;

    public ReportRpcService(ReportCommands commands) {
        this.commands = commands;
    }

    @Override
    public ReportView upload(String bookingId, String fileName, byte[] content) {
        Report r = commands.upload(bookingId, fileName, content);
        ReportView v = new ReportView();
        v.setReportId(r.id());
        v.setBookingId(r.bookingId());
        v.setHospitalId(r.hospitalId());
        v.setFileName(r.fileName());
        v.setContentType(r.contentType());
        v.setSizeBytes(r.sizeBytes());
        v.setSha256(r.sha256());
        v.setUploadedBy(r.uploadedBy());
        v.setUploadedAt(r.uploadedAt().toString());
        return v;
    }

    @Override
    public ReportFile download(String bookingId) {
        ReportCommands.Download d = commands.download(bookingId);
        ReportFile f = new ReportFile();
        f.setFileName(d.report().fileName());
        f.setContentType(d.report().contentType());
        f.setContent(d.content());
        return f;
    }

    @Override
    public List<ReportAccessView> accesses(String bookingId) {
        return commands.accesses(bookingId).stream().map(a -> {
            ReportAccessView v = new ReportAccessView();
            v.setAt(a.at().toString());
            v.setActor(a.actor());
            v.setAction(a.action());
            v.setAllowed(a.allowed());
            v.setReason(a.reason());
            return v;
        }).toList();
    }
}
