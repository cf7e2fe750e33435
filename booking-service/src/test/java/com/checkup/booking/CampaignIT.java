package com.checkup.booking;

import static com.checkup.booking.BookingServiceFixture.as;
import static com.checkup.booking.BookingServiceFixture.code;
import static com.checkup.booking.BookingServiceFixture.idNumber;
import static com.checkup.booking.BookingServiceFixture.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.booking.app.ShareRelease;
import com.checkup.booking.domain.Period;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.PackageView;
import com.checkup.contracts.campaign.BookableHospitalView;
import com.checkup.contracts.campaign.CampaignProgress;
import com.checkup.contracts.campaign.CampaignRequest;
import com.checkup.contracts.campaign.CampaignService;
import com.checkup.contracts.campaign.CampaignView;
import com.checkup.contracts.campaign.EntitlementEvent;
import com.checkup.contracts.campaign.EntitlementService;
import com.checkup.contracts.campaign.RosterImportView;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Corporate campaigns on the real booking-service: roster import, booking with codes, quota, share, scope. */
@ExtendWith(EmbeddedInfraExtension.class)
class CampaignIT {
    private static final LocalDate D1 = today().plusDays(4);
    private static final LocalDate D2 = today().plusDays(5);
    private static BookingServiceFixture f;
    private static CampaignService campaigns;
    private static EntitlementService entitlements;
    private static BookingService bookings;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        f = new BookingServiceFixture(infra, "campaign_it");
        campaigns = f.campaigns.get();
        entitlements = f.entitlements.get();
        bookings = f.bookings.get();
        f.hospital("HC");
        for (LocalDate d = D1; !d.isAfter(D2); d = d.plusDays(1)) {
            f.open("HC", d, Period.MORNING, 10, 3);
            f.open("HC", d, Period.AFTERNOON, 10, 3);
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static <T> T hr(String company, Supplier<T> call) {
        return Acting.as("HR", company, "hr." + company.toLowerCase(), call);
    }

    private static CampaignRequest request(LocalDate start, LocalDate end, Integer quota, Integer share) {
        CampaignRequest r = new CampaignRequest();
        r.setName("Acme 2026");
        r.setHospitalId("HC");
        r.setPackageIds(List.of("HC-GEN", "HC-CT"));
        r.setStartDate(start.toString());
        r.setEndDate(end.toString());
        r.setQuota(quota);
        r.setDailyShare(share);
        r.setShareCutoffDays(1);
        return r;
    }

    private static String row(String no, String name, String phone, String pkg) {
        LocalDate birth = LocalDate.of(1985, 3, 1);
        return String.join(",", no, name, "MALE", birth.toString(), idNumber(birth), phone, pkg);
    }

    private static RosterImportView importRoster(String campaignId, String csv) {
        RosterImportView started = hr("ACME", () -> campaigns.importRoster(campaignId, csv.getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !hr("ACME", () -> campaigns.rosterImport(campaignId, started.getImportId())).getStatus().equals("RUNNING"));
        return hr("ACME", () -> campaigns.rosterImport(campaignId, started.getImportId()));
    }

    private static String codeOf(String campaignId, String employeeNo) {
        return f.db.queryForObject("SELECT code FROM entitlement WHERE campaign_id = ? AND employee_no = ?", String.class,
                campaignId, employeeNo);
    }

    private static BookingView book(String consumer, String code, LocalDate day, Period p) {
        return as(consumer, () -> entitlements.book(code, day.toString(), p.name()));
    }

    private static <T> T ops(Supplier<T> call) {
        return Acting.as("OPS", null, "ops1", call);
    }

    @Test
    void aCampaignFromRosterToBookingsWithinItsQuotaAndShare() {
        // No agreement of ACME with HC yet: no campaign there. Only ops make one; HR cannot.
        assertThat(code(() -> hr("ACME", () -> campaigns.create(request(D1, D2, 3, 2))))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> hr("ACME", () -> f.agreements.get().agree("HC", "ACME", 1000, 100)))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> ops(() -> f.agreements.get().agree("HC", "ACME", 4, 0)))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> ops(() -> f.agreements.get().agree("NOPE", "ACME", 4, 50)))).isEqualTo("NOT_FOUND");
        assertThat(ops(() -> f.agreements.get().agree("HC", "ACME", 4, 50)).getUpdatedBy()).isEqualTo("OPS:ops1");
        assertThat(ops(() -> f.agreements.get().agreements())).anySatisfy(a -> assertThat(a.getCompanyId()).isEqualTo("ACME"));
        assertThat(f.db.queryForObject("SELECT COUNT(*) FROM campaign_agreement_audit WHERE hospital_id = 'HC'"
                + " AND company_id = 'ACME' AND actor = 'OPS:ops1'", Integer.class)).isEqualTo(1);
        // The agreement caps what a campaign may ask, and the cut-off is at least a day.
        assertThat(code(() -> hr("ACME", () -> campaigns.create(request(D1, D2, 3, 5))))).isEqualTo("VALIDATION_FAILED");
        CampaignRequest sameDay = request(D1, D2, 3, 2);
        sameDay.setShareCutoffDays(0);
        assertThat(code(() -> hr("ACME", () -> campaigns.create(sameDay)))).isEqualTo("VALIDATION_FAILED");
        // Only HR starts campaigns; the company is the caller's.
        assertThat(code(() -> as("dora", () -> campaigns.create(request(D1, D2, 3, 2))))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> hr("ACME", () -> campaigns.create(request(D2, D1, 3, 2))))).isEqualTo("VALIDATION_FAILED");
        CampaignView c = hr("ACME", () -> campaigns.create(request(D1, D2, 3, 2)));
        assertThat(c.getCompanyId()).isEqualTo("ACME");
        assertThat(c.getPayer()).isEqualTo("COMPANY");
        assertThat(code(() -> hr("GLOBEX", () -> campaigns.campaign(c.getCampaignId())))).isEqualTo("NOT_FOUND");
        // 2 places of every slot in the window are set aside: walk-ins see 8 of 10.
        assertThat(f.used("HC", D1, Period.MORNING, "TOTAL")).isEqualTo(2);
        assertThat(f.used("HC", D2, Period.AFTERNOON, "TOTAL")).isEqualTo(2);

        // A roster with good and bad rows: the good are kept, the bad listed with line numbers and reasons.
        String roster = String.join("\n", "employee_no,name,gender,birth_date,id_number,phone,package",
                row("E1", "张伟", "13900000001", "HC-GEN"), row("E2", "王芳", "13900000002", "HC-CT"),
                row("E3", "李娜", "13900000003", "HC-GEN"), row("E4", "刘洋", "13900000004", "HC-GEN"),
                row("E5", "陈静", "13900000005", "HC-GEN"),
                "E6,赵磊,MALE,1985-03-01,320102198503010311,13900000006,HC-GEN",
                row("E7", "孙丽", "13900000007", "HC-VIP"),
                row("E1", "张伟", "13900000001", "HC-GEN"),
                row("E8", "", "13900000008", "HC-GEN"),
                "E9,\"周,杰,MALE,1985-03-01", "");
        // One import of a campaign at a time: while one runs, another upload is refused (a second file never waits
        // in memory behind it).
        f.db.update("INSERT INTO roster_import (id, campaign_id, status, total_rows, started_by, started_at)"
                + " VALUES ('RI-running', ?, 'RUNNING', 1, 'HR:x', NOW(3))", c.getCampaignId());
        assertThat(code(() -> hr("ACME", () -> campaigns.importRoster(c.getCampaignId(), roster.getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("CONFLICT");
        f.db.update("UPDATE roster_import SET status = 'DONE' WHERE id = 'RI-running'");
        RosterImportView first = importRoster(c.getCampaignId(), roster);
        assertThat(first.getStatus()).isEqualTo("DONE");
        assertThat(first.getTotalRows()).isEqualTo(10);
        assertThat(first.getProcessedRows()).isEqualTo(10);
        assertThat(first.getCreated()).isEqualTo(5);
        assertThat(first.getRejected()).isEqualTo(5);
        assertThat(first.getErrors()).extracting(e -> e.getLine() + ":" + e.getReason()).containsExactly(
                "7:id_number has a wrong check digit (typing error?)",
                "8:package HC-VIP is not offered by this campaign (offered: HC-GEN, HC-CT)",
                "9:employee_no E1 appears again (first on line 2); the first is kept",
                "10:name is required",
                "11:not valid CSV (an unclosed quote?)");
        assertThat(f.db.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE event_type = ?", Integer.class,
                EntitlementEvent.GRANTED)).isEqualTo(5);
        // Numbers are stored encrypted.
        assertThat(f.db.queryForObject("SELECT phone_enc FROM entitlement WHERE employee_no = 'E1'", String.class))
                .doesNotContain("13900000001");

        // The same roster again changes nothing; a changed phone updates one employee and keeps their code.
        String e1Code = codeOf(c.getCampaignId(), "E1");
        RosterImportView again = importRoster(c.getCampaignId(), roster);
        assertThat(again.getCreated()).isZero();
        assertThat(again.getUnchanged()).isEqualTo(5);
        RosterImportView changed = importRoster(c.getCampaignId(), roster.replace("13900000001", "13900000011"));
        assertThat(changed.getUpdated()).isEqualTo(1);
        assertThat(codeOf(c.getCampaignId(), "E1")).isEqualTo(e1Code);
        assertThat(f.db.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE event_type = ?", Integer.class,
                EntitlementEvent.GRANTED)).as("no code sent twice").isEqualTo(5);
        assertThat(code(() -> hr("ACME", () -> campaigns.importRoster(c.getCampaignId(), "name,phone\nx,y".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("VALIDATION_FAILED");

        // Booking with codes: confirmed at once, from the campaign's share.
        BookingView b1 = book("emp1", e1Code, D1, Period.MORNING);
        assertThat(b1.getStatus()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(b1.getOrderId()).isNull();
        assertThat(b1.getExamineeName()).isEqualTo("张伟");
        assertThat(book("emp1", e1Code, D1, Period.MORNING).getBookingId()).as("a repeat").isEqualTo(b1.getBookingId());
        assertThat(code(() -> book("stranger", e1Code, D1, Period.MORNING))).as("the code is emp1's now").isEqualTo("NOT_FOUND");
        assertThat(code(() -> book("emp1", e1Code, D2, Period.MORNING))).isEqualTo("CONFLICT");
        assertThat(code(() -> book("emp2", codeOf(c.getCampaignId(), "E2"), D2.plusDays(1), Period.MORNING)))
                .as("outside the window").isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> book("emp2", "NOPE-NOPE-0", D1, Period.MORNING))).isEqualTo("NOT_FOUND");
        book("emp2", codeOf(c.getCampaignId(), "E2"), D1, Period.MORNING);
        assertThat(f.used("HC", D1, Period.MORNING, "SHARE:" + c.getCampaignId())).isEqualTo(2);
        assertThat(f.used("HC", D1, Period.MORNING, "TOTAL")).as("taken from the share, not again from TOTAL").isEqualTo(2);
        assertThat(f.used("HC", D1, Period.MORNING, "CT")).isEqualTo(1);
        assertThat(code(() -> book("emp3", codeOf(c.getCampaignId(), "E3"), D1, Period.MORNING))).as("share used up")
                .isEqualTo("SOLD_OUT");
        BookingView b3 = book("emp3", codeOf(c.getCampaignId(), "E3"), D2, Period.MORNING);
        assertThat(code(() -> book("emp4", codeOf(c.getCampaignId(), "E4"), D2, Period.MORNING))).as("quota of 3")
                .isEqualTo("QUOTA_EXHAUSTED");
        assertThat(code(() -> as("emp3", () -> bookings.reschedule(b3.getBookingId(), D2.toString(), "AFTERNOON"))))
                .isEqualTo("CONFLICT");
        // A cancel gives the quota back (nothing to refund: the company pays).
        assertThat(as("emp3", () -> bookings.cancel(b3.getBookingId(), null)).getStatus()).isEqualTo(BookingStatus.CANCELLED);
        BookingView b4 = book("emp4", codeOf(c.getCampaignId(), "E4"), D2, Period.MORNING);
        assertThat(hr("ACME", () -> campaigns.campaign(c.getCampaignId())).getBooked()).isEqualTo(3);

        // Progress for HR: attendance only.
        CampaignProgress p = hr("ACME", () -> campaigns.progress(c.getCampaignId()));
        assertThat(p.getCounts()).containsEntry("BOOKED", 3).containsEntry("NOT_BOOKED", 2);
        assertThat(p.getEmployees()).filteredOn(e -> e.getEmployeeNo().equals("E4")).singleElement()
                .satisfies(e -> assertThat(e.getDate()).isEqualTo(D2.toString()));
        String csv = new String(hr("ACME", () -> campaigns.progressCsv(c.getCampaignId())).getContent(), StandardCharsets.UTF_8);
        assertThat(csv).contains("employee_no,name,package,status,date,period").contains("E3,李娜,HC-GEN,NOT_BOOKED,,")
                .contains("E4,刘洋,HC-GEN,BOOKED," + D2 + ",MORNING").doesNotContain("1390000").doesNotContain("320102");
        assertThat(code(() -> hr("GLOBEX", () -> campaigns.progress(c.getCampaignId())))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> as("emp1", () -> campaigns.progress(c.getCampaignId())))).isEqualTo("FORBIDDEN");
        assertThat(b4.getStatus()).isEqualTo(BookingStatus.CONFIRMED);

        // The cut-off passes: unused shares go back to everyone (D1 morning's share was used up; the others were not).
        f.db.update("UPDATE campaign SET share_cutoff_days = 10 WHERE id = ?", c.getCampaignId());
        assertThat(f.service.getBean(ShareRelease.class).run()).isEqualTo(0 + 2 + 1 + 2);
        assertThat(f.used("HC", D1, Period.AFTERNOON, "TOTAL")).isZero();
        assertThat(f.used("HC", D1, Period.MORNING, "TOTAL")).isEqualTo(2);
        assertThat(f.used("HC", D2, Period.MORNING, "TOTAL")).isEqualTo(1);
        assertThat(f.service.getBean(ShareRelease.class).run()).as("once").isZero();

        // Ops end the agreement: running campaigns go on, no new one starts.
        ops(() -> f.agreements.get().end("HC", "ACME"));
        assertThat(code(() -> hr("ACME", () -> campaigns.create(request(D1, D2, 3, 2))))).isEqualTo("FORBIDDEN");
        ops(() -> f.agreements.get().agree("HC", "ACME", 4, 50));

        // The window closes: no more bookings, no more rosters.
        f.db.update("UPDATE campaign SET start_date = ?, end_date = ? WHERE id = ?", today().minusDays(3), today().minusDays(1),
                c.getCampaignId());
        assertThat(code(() -> book("emp5", codeOf(c.getCampaignId(), "E5"), today(), Period.MORNING))).isEqualTo("CONFLICT");
        assertThat(code(() -> hr("ACME", () -> campaigns.importRoster(c.getCampaignId(), roster.getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("CONFLICT");
    }

    @Test
    void hrSeesTheHospitalsItsCompanyMayBookWithTheirPackagesAndTheAgreementsLimits() {
        // The demo agreement: ACME with H001, 10 places a slot, at most half of one. H002 and H003 have none with ACME.
        List<BookableHospitalView> acme = hr("ACME", () -> campaigns.hospitals());
        assertThat(acme).extracting(BookableHospitalView::getHospitalId).contains("H001").doesNotContain("H002", "H003");
        BookableHospitalView h001 = acme.stream().filter(h -> h.getHospitalId().equals("H001")).findFirst().orElseThrow();
        assertThat(h001.getName()).isEqualTo("Beijing Harmony Check-up Centre");
        assertThat(h001.getCity()).isEqualTo("Beijing");
        assertThat(h001.getTimezone()).isEqualTo("Asia/Shanghai");
        assertThat(h001.getMaxDailyShare()).isEqualTo(10);
        assertThat(h001.getMaxSlotSharePercent()).isEqualTo(50);
        assertThat(h001.getPackages()).extracting(PackageView::getPackageId).containsExactly("H001-BASIC", "H001-CT", "H001-WOMEN");
        // The packages as the consumer catalogue shows them, items and all.
        assertThat(h001.getPackages()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(as("consumer1", () -> bookings.packages("H001")));
        assertThat(hr("INITECH", () -> campaigns.hospitals())).as("a company without agreements").isEmpty();

        // An agreement ops set appears at once with its limits; ended, the hospital is gone from HR's list.
        f.hospital("HB");
        assertThat(hr("ACME", () -> campaigns.hospitals())).extracting(BookableHospitalView::getHospitalId).doesNotContain("HB");
        ops(() -> f.agreements.get().agree("HB", "ACME", 6, 30));
        BookableHospitalView hb = hr("ACME", () -> campaigns.hospitals()).stream().filter(h -> h.getHospitalId().equals("HB"))
                .findFirst().orElseThrow();
        assertThat(hb.getMaxDailyShare()).isEqualTo(6);
        assertThat(hb.getMaxSlotSharePercent()).isEqualTo(30);
        assertThat(hb.getPackages()).extracting(PackageView::getPackageId).containsExactly("HB-CT", "HB-GEN");
        assertThat(hr("GLOBEX", () -> campaigns.hospitals())).extracting(BookableHospitalView::getHospitalId)
                .as("another company's agreement").doesNotContain("HB", "H001");
        ops(() -> f.agreements.get().end("HB", "ACME"));
        assertThat(hr("ACME", () -> campaigns.hospitals())).extracting(BookableHospitalView::getHospitalId)
                .doesNotContain("HB").contains("H001");

        // HR only, and HR of a company.
        assertThat(code(() -> as("consumer1", () -> campaigns.hospitals()))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> BookingServiceFixture.asDesk("H001", () -> campaigns.hospitals()))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> ops(() -> campaigns.hospitals()))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> Acting.as("HR", null, "hr.nobody", () -> campaigns.hospitals()))).isEqualTo("FORBIDDEN");
    }

    @Test
    void aShareNeverTakesMoreOfASlotThanTheAgreementAllowsAndACancelGivesItBack() {
        f.hospital("HK");
        LocalDate day = D1;
        f.open("HK", day, Period.MORNING, 10, 3);
        f.open("HK", day, Period.AFTERNOON, 10, 3);
        ops(() -> f.agreements.get().agree("HK", "GLOBEX", 8, 20));
        CampaignRequest r = request(day, day, 5, 8);
        r.setHospitalId("HK");
        r.setPackageIds(List.of("HK-GEN"));
        CampaignView c = hr("GLOBEX", () -> campaigns.create(r));
        // 8 places a slot asked, 20 % of a 10-place slot allowed: 2 set aside, 8 left for everyone.
        assertThat(f.used("HK", day, Period.MORNING, "TOTAL")).isEqualTo(2);
        assertThat(f.used("HK", day, Period.AFTERNOON, "TOTAL")).isEqualTo(2);
        // A second campaign of the same company: the agreement's 20 % hold for the company, not per campaign.
        CampaignView second = hr("GLOBEX", () -> campaigns.create(r));
        assertThat(f.used("HK", day, Period.MORNING, "TOTAL")).isEqualTo(2);
        hr("GLOBEX", () -> campaigns.cancel(second.getCampaignId()));
        // Another company cannot cancel it (it does not even see it).
        assertThat(code(() -> hr("ACME", () -> campaigns.cancel(c.getCampaignId())))).isEqualTo("NOT_FOUND");
        CampaignView cancelled = hr("GLOBEX", () -> campaigns.cancel(c.getCampaignId()));
        assertThat(cancelled.getStatus()).isEqualTo("CANCELLED");
        assertThat(f.used("HK", day, Period.MORNING, "TOTAL")).isZero();
        assertThat(f.used("HK", day, Period.AFTERNOON, "TOTAL")).isZero();
        assertThat(hr("GLOBEX", () -> campaigns.cancel(c.getCampaignId())).getStatus()).as("repeat").isEqualTo("CANCELLED");
        assertThat(code(() -> hr("GLOBEX", () -> campaigns.importRoster(c.getCampaignId(),
                "employee_no,name,gender,birth_date,id_number,phone,package\n".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("CONFLICT");
    }
}
