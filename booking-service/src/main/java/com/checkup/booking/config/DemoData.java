package com.checkup.booking.config;

import com.checkup.booking.domain.Agreement;
import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.AgreementRepository;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.booking.persistence.CatalogueRepository;
import com.checkup.booking.persistence.CatalogueRepository.ExamItem;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local demo catalogue (only with {@code checkup.demo-data=true}, which local-platform sets): hospitals H001 Beijing,
 * H002 Shanghai, H003 Nanjing (MANUAL, no hospital system), three packages each (one with a CT), and capacity for
 * today and the next 30 days. Runs before the service reports ready; safe to run on every start (existing capacity
 * rows and their counts are kept, new days are opened).
 */
@Component
@ConditionalOnProperty(name = "checkup.demo-data", havingValue = "true")
public class DemoData implements ApplicationRunner {
    public static final int DAYS_AHEAD = 30;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final CatalogueRepository catalogue;
    private final CapacityCalendar calendar;
    private final AgreementRepository agreements;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DemoData(CatalogueRepository catalogue, CapacityCalendar calendar, AgreementRepository agreements,
                    TransactionTemplate tx, Clock clock) {
        this.agreements = agreements;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(s -> seed());
    }

    void seed() {
        List<Hospital> hospitals = List.of(
                new Hospital("H001", "Beijing Harmony Check-up Centre", "Beijing", CHINA, "HTTP_JSON"),
                new Hospital("H002", "Shanghai Bund Health Centre", "Shanghai", CHINA, "HTTP_JSON"),
                new Hospital("H003", "Nanjing Zhongshan Clinic", "Nanjing", CHINA, "MANUAL"));
        List<ExamItem> items = List.of(
                new ExamItem("BLOOD", "Blood count and biochemistry", Resources.GENERAL),
                new ExamItem("ECG", "Electrocardiogram", Resources.GENERAL),
                new ExamItem("GYN", "Gynaecological examination", Resources.GENERAL),
                new ExamItem("US-ABD", "Abdominal ultrasound", "ULTRASOUND"),
                new ExamItem("CT-CHEST", "Low-dose chest CT", "CT"));
        items.forEach(catalogue::saveItem);
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        for (Hospital h : hospitals) {
            catalogue.saveHospital(h);
            catalogue.savePackage(pkg(h, "BASIC", "Basic check-up", 49_900, "ANY", 18), List.of("BLOOD", "ECG", "US-ABD"));
            catalogue.savePackage(pkg(h, "CT", "Executive check-up with chest CT", 129_900, "ANY", 25),
                    List.of("BLOOD", "ECG", "US-ABD", "CT-CHEST"));
            catalogue.savePackage(pkg(h, "WOMEN", "Women's check-up", 89_900, "FEMALE", 18), List.of("BLOOD", "GYN", "US-ABD"));
            for (int d = 0; d <= DAYS_AHEAD; d++) {
                LocalDate day = today.plusDays(d);
                open(new Slot(h.id(), day, Period.MORNING), 40, 8, 25);
                open(new Slot(h.id(), day, Period.AFTERNOON), 20, 4, 12);
            }
        }
        // ACME (hr.acme) may run campaigns at H001: up to 10 places a slot, never more than half of one.
        if (agreements.find("H001", "ACME").isEmpty()) {
            agreements.save(Agreement.of("H001", "ACME", 10, 50, "SYSTEM:demo-data", clock.instant()), null);
        }
        log.info("Demo data ready: hospitals H001 (Beijing), H002 (Shanghai), H003 (Nanjing, MANUAL); packages"
                + " <hospital>-BASIC, -CT, -WOMEN; capacity {} to {}; ACME's agreement with H001", today, today.plusDays(DAYS_AHEAD));
    }

    private void open(Slot slot, int total, int ct, int ultrasound) {
        calendar.openIfAbsent(slot, Resources.TOTAL, total);
        calendar.openIfAbsent(slot, "CT", ct);
        calendar.openIfAbsent(slot, "ULTRASOUND", ultrasound);
    }

    private static CheckupPackage pkg(Hospital h, String code, String name, long cents, String gender, int minAge) {
        return new CheckupPackage(h.id() + "-" + code, h.id(), name, cents, gender, minAge, 120, true, List.of());
    }
}
