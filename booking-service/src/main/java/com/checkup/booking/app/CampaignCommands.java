package com.checkup.booking.app;

import com.checkup.booking.domain.Agreement;
import com.checkup.booking.domain.Campaign;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.CampaignRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.booking.persistence.EntitlementRepository;
import com.checkup.booking.persistence.EntitlementRepository.Attendance;
import com.checkup.booking.persistence.CatalogueRepository.ExamItem;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.campaign.CampaignRequest;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HR's use cases, each scoped to the caller's company: start a campaign (setting its share of each slot aside), see
 * campaigns and attendance. Attendance is booking states only; results and reports live elsewhere and never pass.
 */
@Service
public class CampaignCommands {
    /** What HR sees per employee, in this order. */
    public static final List<String> ATTENDANCE = List.of("NOT_BOOKED", "BOOKED", "CHECKED_IN", "COMPLETED", "NO_SHOW");
    private static final Logger log = LoggerFactory.getLogger(CampaignCommands.class);

    private final CampaignRepository campaigns;
    private final EntitlementRepository entitlements;
    private final CapacityCalendar calendar;
    private final CatalogueQueries catalogue;
    private final BookingPolicies policies;
    private final Agreements agreements;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CampaignCommands(CampaignRepository campaigns, EntitlementRepository entitlements, CapacityCalendar calendar, CatalogueQueries catalogue, BookingPolicies policies,
                            Agreements agreements, TransactionTemplate tx, Clock clock) {
        this.agreements = agreements;
        this.campaigns = campaigns;
        this.entitlements = entitlements;
        this.calendar = calendar;
        this.catalogue = catalogue;
        this.policies = policies;
        this.tx = tx;
        this.clock = clock;
    }

    public Campaign create(CampaignRequest r) {
        String company = BookingAccess.hrCompany();
        if (r == null) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "A campaign is required");
        }
        Hospital h = catalogue.hospital(r.getHospitalId());
        Agreement agreement = agreements.forCampaign(h.id(), company);
        List<String> packages = r.getPackageIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.getPackageIds()));
        packages.forEach(p -> catalogue.packageOf(h, p)); // NOT_FOUND names a package the hospital does not sell
        Instant now = clock.instant();
        LocalDate today = h.today(now);
        Campaign c = Campaign.open("CP" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(),
                company, r.getName(), h.id(), packages, CatalogueQueries.date("startDate", r.getStartDate()),
                CatalogueQueries.date("endDate", r.getEndDate()), r.getQuota(), r.getBudgetCents(), r.getDailyShare(),
                r.getShareCutoffDays(), today, today.plusDays(policies.bookingWindowDays(h.id())), now);
        agreement.checkCampaign(c.dailyShare());
        int reserved = tx.execute(s -> {
            // Again under the agreement's lock: an agreement ended meanwhile starts nothing.
            agreements.lockedForCampaign(h.id(), company).checkCampaign(c.dailyShare());
            campaigns.insert(c, BookingAccess.actor());
            int n = 0;
            if (c.dailyShare() > 0) {
                for (LocalDate d = c.startDate(); !d.isAfter(c.endDate()); d = d.plusDays(1)) {
                    if (c.shareInEffect(d, today)) {
                        for (Period p : Period.values()) {
                            n += calendar.reserveShare(new Slot(h.id(), d, p), c.id(), company,
                                    (total, companyShare) -> agreement.slotCap(c.dailyShare(), total, companyShare));
                        }
                    }
                }
            }
            return n;
        });
        log.info("Campaign {} of {} at {} from {} to {}: {} places set aside", c.id(), company, h.id(), c.startDate(),
                c.endDate(), reserved);
        return c;
    }

    /** HR cancels a campaign of their company: its codes stop working and its unused share goes back at once. */
    public Campaign cancel(String campaignId) {
        Campaign c = campaign(campaignId);
        int released = tx.execute(s -> {
            if (!campaigns.cancel(c.id())) {
                return 0;
            }
            int n = 0;
            for (CapacityCalendar.ShareRow share : calendar.unusedShares(c.id())) {
                n += calendar.release(share);
            }
            return n;
        });
        log.info("Campaign {} of {} cancelled by {}: {} places given back", c.id(), c.companyId(), BookingAccess.actor(), released);
        return campaign(campaignId);
    }

    /** A hospital HR's company may run campaigns at: its active agreement there and the packages it sells. */
    public record BookableHospital(Hospital hospital, Agreement agreement, List<CheckupPackage> packages,
                                   Map<String, List<ExamItem>> items) {
    }

    /**
     * The hospitals the caller's company has an active agreement with, by hospital id: what HR picks a campaign's
     * hospital and packages from. An ended agreement is left out (no new campaign may start there).
     */
    public List<BookableHospital> hospitals() {
        String company = BookingAccess.hrCompany();
        Map<String, Hospital> byId = new LinkedHashMap<>();
        catalogue.hospitals().forEach(h -> byId.put(h.id(), h));
        List<BookableHospital> out = new ArrayList<>();
        for (Agreement a : agreements.activeOf(company)) {
            Hospital h = byId.get(a.hospitalId());
            if (h == null) {
                continue; // an agreement outlived its hospital's catalogue entry: nothing to book there
            }
            List<CheckupPackage> packages = catalogue.packages(h.id());
            out.add(new BookableHospital(h, a, packages, catalogue.items(packages)));
        }
        return out;
    }

    public List<Campaign> campaigns() {
        return campaigns.ofCompany(BookingAccess.hrCompany());
    }

    /** One of the caller's company's campaigns; another company's is NOT_FOUND (a company learns nothing of others). */
    public Campaign campaign(String campaignId) {
        String company = BookingAccess.hrCompany();
        String id = CatalogueQueries.required("campaignId", campaignId);
        return campaigns.find(id).filter(c -> c.companyId().equals(company))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No campaign " + id));
    }

    public int employees(String campaignId) {
        return entitlements.employees(campaignId);
    }

    /** A line of attendance: what HR may know of one employee. */
    public record Line(String employeeNo, String name, String packageId, String status, LocalDate date, String period) {
    }

    public record Progress(String campaignId, Map<String, Integer> counts, List<Line> lines) {
    }

    public Progress progress(String campaignId) {
        Campaign c = campaign(campaignId);
        Map<String, Integer> counts = new LinkedHashMap<>();
        ATTENDANCE.forEach(s -> counts.put(s, 0));
        List<Line> lines = new ArrayList<>();
        for (Attendance a : entitlements.attendance(c.id())) {
            String status = attendance(a.bookingStatus());
            counts.merge(status, 1, Integer::sum);
            boolean booked = !"NOT_BOOKED".equals(status);
            lines.add(new Line(a.employeeNo(), a.name(), a.packageId(), status, booked ? a.date() : null,
                    booked ? a.period() : null));
        }
        return new Progress(c.id(), counts, lines);
    }

    /** The progress as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the names right). */
    public byte[] progressCsv(String campaignId) {
        Progress p = progress(campaignId);
        StringBuilder out = new StringBuilder("\uFEFFemployee_no,name,package,status,date,period\n");
        for (Line l : p.lines()) {
            out.append(csv(l.employeeNo())).append(',').append(csv(l.name())).append(',').append(csv(l.packageId()))
                    .append(',').append(l.status()).append(',').append(l.date() == null ? "" : l.date())
                    .append(',').append(l.period() == null ? "" : l.period()).append('\n');
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String attendance(String bookingStatus) {
        if (bookingStatus == null) {
            return "NOT_BOOKED";
        }
        return switch (BookingStatus.valueOf(bookingStatus)) {
            case CONFIRMED, HELD -> "BOOKED";
            case CHECKED_IN -> "CHECKED_IN";
            case COMPLETED -> "COMPLETED";
            case NO_SHOW -> "NO_SHOW";
            default -> "NOT_BOOKED";
        };
    }

    /** A CSV field; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
    static String csv(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
