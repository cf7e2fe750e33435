package com.checkup.fulfillment.app;

import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.fulfillment.ReportEvent;
import com.checkup.fulfillment.domain.Report;
import com.checkup.fulfillment.domain.ReportAccess;
import com.checkup.fulfillment.domain.ReportAccessEntry;
import com.checkup.fulfillment.domain.ReportUpload;
import com.checkup.fulfillment.persistence.ReportRepository;
import com.checkup.fulfillment.storage.ReportFiles;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import com.checkup.platform.events.EventPublisher;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Report files: a desk uploads the PDF of a checked-in booking of its hospital; the examinee or that desk downloads
 * it. Every attempt, allowed or refused, is written to the access audit (refusals in their own transaction, so they
 * stay even though the call fails).
 */
@Service
public class ReportCommands {
    private static final Logger log = LoggerFactory.getLogger(ReportCommands.class);
    /** A report is read a handful of times; 200 lines is every access of any real booking, bounded all the same. */
    private static final int MAX_ACCESSES = 200;

    private final ReportRepository reports;
    private final ReportFiles files;
    private final Bookings bookings;
    private final EventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final long maxBytes;

    public ReportCommands(ReportRepository reports, ReportFiles files, Bookings bookings, EventPublisher events,
                          TransactionTemplate tx, Clock clock, @Value("${checkup.reports.max-bytes:4194304}") long maxBytes) {
        this.reports = reports;
        this.files = files;
        this.bookings = bookings;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    public Report upload(String bookingId, String fileName, byte[] content) {
        String id = TaskCommands.required("bookingId", bookingId, 64);
        return audited(id, null, "UPLOAD", () -> {
            CallContext caller = Callers.require(Persona.DESK);
            ReportUpload upload = ReportUpload.check(fileName, content, maxBytes);
            BookingView b = bookings.deskBooking(id);
            if (b.getStatus() != BookingStatus.CHECKED_IN && b.getStatus() != BookingStatus.COMPLETED) {
                throw new BusinessException(ErrorCode.CONFLICT, "Booking " + b.getBookingId() + " is " + b.getStatus()
                        + "; a report needs a checked-in examinee");
            }
            String reportId = "R-" + UUID.randomUUID();
            Report r = new Report(reportId, b.getBookingId(), b.getHospitalId(), b.getConsumerId(), upload.fileName(),
                    ReportUpload.PDF, content.length, upload.sha256(),
                    b.getHospitalId() + "/" + b.getBookingId() + "/" + reportId + ".pdf", Callers.actor(caller), clock.instant());
            // The file first: a row never points at a missing file (an orphan file after a failed commit is harmless).
            files.write(r.storageKey(), content);
            tx.executeWithoutResult(s -> {
                reports.save(r);
                reports.audit(r.bookingId(), r.id(), r.uploadedBy(), caller.tenantId(), "UPLOAD", true, null, caller.traceId());
                ReportEvent e = new ReportEvent();
                e.setReportId(r.id());
                e.setBookingId(r.bookingId());
                e.setHospitalId(r.hospitalId());
                e.setConsumerId(r.consumerId());
                e.setFileName(r.fileName());
                events.publish(Topics.REPORT, ReportEvent.READY, r.bookingId(), e);
            });
            log.info("Report {} stored for booking {} ({} bytes) by {}", r.id(), r.bookingId(), r.sizeBytes(), r.uploadedBy());
            return r;
        });
    }

    /** The report row and its content, for the examinee or the desk of its hospital. */
    public Download download(String bookingId) {
        String id = TaskCommands.required("bookingId", bookingId, 64);
        Report[] found = new Report[1];
        return audited(id, found, "DOWNLOAD", () -> {
            CallContext caller = Callers.require(Persona.CONSUMER, Persona.TESTER, Persona.DESK, Persona.HR, Persona.OPS);
            Report r = reports.find(id)
                    .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No report for booking " + id + " yet"));
            found[0] = r;
            String denial = ReportAccess.denial(caller.persona(), caller.tenantId(), caller.userId(), r.hospitalId(), r.consumerId());
            if (denial != null) {
                throw new BusinessException(ErrorCode.FORBIDDEN, "This report is not yours to read");
            }
            byte[] content = files.read(r.storageKey());
            reports.audit(id, r.id(), Callers.actor(caller), caller.tenantId(), "DOWNLOAD", true, null, caller.traceId());
            return new Download(r, content);
        });
    }

    public record Download(Report report, byte[] content) {
    }

    /**
     * Who uploaded or tried to read a booking's report, newest first, for the desk of the booking's hospital only.
     * booking-service decides whose booking it is (another hospital's is NOT_FOUND, as for an upload), so attempts on a
     * booking without a report yet are shown too. Reading the audit is not itself an access to the report: not audited.
     */
    public List<ReportAccessEntry> accesses(String bookingId) {
        Callers.require(Persona.DESK);
        String id = TaskCommands.required("bookingId", bookingId, 64);
        BookingView b = bookings.deskBooking(id);
        return reports.accesses(b.getBookingId(), MAX_ACCESSES);
    }

    /** Runs an access; a refusal is audited (with its reason) before it goes back to the caller. */
    private <T> T audited(String bookingId, Report[] report, String action, Supplier<T> access) {
        try {
            return access.get();
        } catch (BusinessException e) {
            CallContext c = CallContextHolder.current().orElse(null);
            String actor = c == null ? "ANONYMOUS:-" : Callers.actor(c);
            String reportId = report == null || report[0] == null ? null : report[0].id();
            try {
                reports.audit(bookingId, reportId, actor, c == null ? null : c.tenantId(), action, false,
                        e.getCode() + ": " + (e.getMessage().length() > 200 ? e.getMessage().substring(0, 200) : e.getMessage()),
                        c == null ? null : c.traceId());
            } catch (RuntimeException auditFailed) {
                log.error("Could not audit a refused {} of the report of {} by {}", action, bookingId, actor, auditFailed);
            }
            log.warn("Refused {} of the report of {} by {}: {}", action, bookingId, actor, e.getMessage());
            throw e;
        }
    }
}
