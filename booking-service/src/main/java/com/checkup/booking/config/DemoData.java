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
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local demo catalogue (only with {@code checkup.demo-data=true}, which local-platform sets): hospitals H001 Beijing,
 * H002 Shanghai, H003 Nanjing (MANUAL, no hospital system), three packages each (one with a CT), and capacity for
 * today and the next 30 days. Runs before the service reports ready; safe to run on every start (existing capacity
 * rows and their counts are kept, new days are opened).
 *
 * <p>{@code checkup.demo-data.size=large} ({@code ./checkup up --demo-size large}) adds {@value #LARGE_HOSPITALS}
 * generated hospitals G0001..G2000 in {@value #LARGE_CITIES} cities ({@link DemoCities}), the same three packages
 * each and the same 30 days of capacity, written with multi-row inserts. Every tenth is HTTP_JSON (the simulator
 * serves any hospital id), the rest MANUAL; hospital-sync-service's DemoConnectors writes the same rule as flags.
 */
@Component
@ConditionalOnProperty(name = "checkup.demo-data", havingValue = "true")
public class DemoData implements ApplicationRunner {
    public static final int DAYS_AHEAD = 30;
    public static final int LARGE_HOSPITALS = 2_000;
    public static final int LARGE_CITIES = 200;
    /** Rows per INSERT statement: large enough to amortise round trips, far below max_allowed_packet. */
    private static final int ROWS_PER_INSERT = 2_000;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final List<ExamItem> ITEMS = List.of(
            new ExamItem("BLOOD", "Blood count and biochemistry", Resources.GENERAL),
            new ExamItem("ECG", "Electrocardiogram", Resources.GENERAL),
            new ExamItem("GYN", "Gynaecological examination", Resources.GENERAL),
            new ExamItem("US-ABD", "Abdominal ultrasound", "ULTRASOUND"),
            new ExamItem("CT-CHEST", "Low-dose chest CT", "CT"));
    /** The three packages every demo hospital sells: code, name, price, gender, min age, items. */
    private static final List<PackageSpec> PACKAGES = List.of(
            new PackageSpec("BASIC", "Basic check-up", 49_900, "ANY", 18, List.of("BLOOD", "ECG", "US-ABD")),
            new PackageSpec("CT", "Executive check-up with chest CT", 129_900, "ANY", 25, List.of("BLOOD", "ECG", "US-ABD", "CT-CHEST")),
            new PackageSpec("WOMEN", "Women's check-up", 89_900, "FEMALE", 18, List.of("BLOOD", "GYN", "US-ABD")));
    /** Per period: TOTAL, CT, ULTRASOUND places. */
    private static final int[][] CAPACITY = {{40, 8, 25}, {20, 4, 12}};
    private static final String[] RESOURCES = {Resources.TOTAL, "CT", "ULTRASOUND"};

    private final CatalogueRepository catalogue;
    private final CapacityCalendar calendar;
    private final AgreementRepository agreements;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String size;

    public DemoData(CatalogueRepository catalogue, CapacityCalendar calendar, AgreementRepository agreements,
                    TransactionTemplate tx, JdbcTemplate jdbc, Clock clock,
                    @Value("${checkup.demo-data.size:small}") String size) {
        this.agreements = agreements;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
        this.size = size.trim().toLowerCase(Locale.ROOT);
        if (!this.size.equals("small") && !this.size.equals("large")) {
            // A typo must not start a platform quietly seeded with something else than asked for.
            throw new IllegalArgumentException("checkup.demo-data.size must be small or large, not '" + size + "'");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(s -> seed());
        if (size.equals("large")) {
            long t0 = System.nanoTime();
            int rows = tx.execute(s -> seedLarge());
            log.info("Large demo data ready: {} hospitals in {} cities (G0001..G{}), {} rows written in {} ms",
                    LARGE_HOSPITALS, LARGE_CITIES, String.format("%04d", LARGE_HOSPITALS), rows, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    void seed() {
        List<Hospital> hospitals = List.of(
                new Hospital("H001", "Beijing Harmony Check-up Centre", "Beijing", CHINA, "HTTP_JSON"),
                new Hospital("H002", "Shanghai Bund Health Centre", "Shanghai", CHINA, "HTTP_JSON"),
                new Hospital("H003", "Nanjing Zhongshan Clinic", "Nanjing", CHINA, "MANUAL"));
        ITEMS.forEach(catalogue::saveItem);
        LocalDate today = today();
        for (Hospital h : hospitals) {
            catalogue.saveHospital(h);
            for (PackageSpec p : PACKAGES) {
                catalogue.savePackage(new CheckupPackage(h.id() + "-" + p.code(), h.id(), p.name(), p.cents(), p.gender(),
                        p.minAge(), 120, true, List.of()), p.items());
            }
            for (int d = 0; d <= DAYS_AHEAD; d++) {
                LocalDate day = today.plusDays(d);
                for (Period period : Period.values()) {
                    int[] c = CAPACITY[period.ordinal()];
                    for (int r = 0; r < RESOURCES.length; r++) {
                        calendar.openIfAbsent(new Slot(h.id(), day, period), RESOURCES[r], c[r]);
                    }
                }
            }
        }
        // ACME (hr.acme) may run campaigns at H001: up to 10 places a slot, never more than half of one.
        if (agreements.find("H001", "ACME").isEmpty()) {
            agreements.save(Agreement.of("H001", "ACME", 10, 50, "SYSTEM:demo-data", clock.instant()), null);
        }
        log.info("Demo data ready: hospitals H001 (Beijing), H002 (Shanghai), H003 (Nanjing, MANUAL); packages"
                + " <hospital>-BASIC, -CT, -WOMEN; capacity {} to {}; ACME's agreement with H001", today, today.plusDays(DAYS_AHEAD));
    }

    /** The generated hospital number {@code i} (1-based): its id. */
    public static String largeId(int i) {
        return String.format("G%04d", i);
    }

    /** Every tenth generated hospital has a hospital system (the simulator); the same rule as DemoConnectors'. */
    public static boolean largeHasSystem(int i) {
        return i % 10 == 0;
    }

    /**
     * Hospitals, packages and items are written only when missing (a restart finds them and skips them); capacity only
     * for the days after the last one already opened, so a restart the next day opens one new day, not 372,000 rows.
     * INSERT IGNORE keeps existing rows and their counts as they are.
     */
    /** Writes what is missing of the large seed; the number of rows written (0 when nothing was missing). */
    public int seedLarge() {
        int written = 0;
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM hospital WHERE id BETWEEN ? AND ?", Integer.class,
                largeId(1), largeId(LARGE_HOSPITALS));
        if (present == null || present < LARGE_HOSPITALS) {
            List<Object[]> hospitals = new ArrayList<>();
            List<Object[]> packages = new ArrayList<>();
            List<Object[]> items = new ArrayList<>();
            for (int i = 1; i <= LARGE_HOSPITALS; i++) {
                String id = largeId(i);
                String city = DemoCities.name(i % LARGE_CITIES);
                hospitals.add(new Object[] {id, city + " Health Check-up Centre No. " + (1 + (i - 1) / LARGE_CITIES), city,
                        CHINA.getId(), largeHasSystem(i) ? "HTTP_JSON" : "MANUAL"});
                for (PackageSpec p : PACKAGES) {
                    String pid = id + "-" + p.code();
                    packages.add(new Object[] {pid, id, p.name(), p.cents(), p.gender(), p.minAge(), 120, 1});
                    p.items().forEach(item -> items.add(new Object[] {pid, item}));
                }
            }
            written += insertIgnore("hospital (id, name, city, timezone, connector)", 5, hospitals);
            written += insertIgnore("checkup_package (id, hospital_id, name, price_cents, gender, min_age, max_age, active)", 8, packages);
            written += insertIgnore("package_item (package_id, item_id)", 2, items);
        }
        LocalDate today = today();
        LocalDate last = today.plusDays(DAYS_AHEAD);
        // The last generated hospital is written last: its last day says how far every generated hospital is open.
        Date opened = jdbc.queryForObject("SELECT MAX(slot_date) FROM capacity_slot WHERE hospital_id = ?", Date.class,
                largeId(LARGE_HOSPITALS));
        LocalDate first = opened == null || opened.toLocalDate().isBefore(today) ? today : opened.toLocalDate().plusDays(1);
        List<Object[]> slots = new ArrayList<>();
        for (int i = 1; i <= LARGE_HOSPITALS; i++) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                for (Period period : Period.values()) {
                    int[] c = CAPACITY[period.ordinal()];
                    for (int r = 0; r < RESOURCES.length; r++) {
                        slots.add(new Object[] {largeId(i), Date.valueOf(day), period.name(), RESOURCES[r], c[r]});
                    }
                }
            }
        }
        written += insertIgnore("capacity_slot (hospital_id, slot_date, period, resource, total)", 5, slots);
        return written;
    }

    /** {@code INSERT IGNORE} of many rows, {@value #ROWS_PER_INSERT} per statement. */
    private int insertIgnore(String table, int columns, List<Object[]> rows) {
        String one = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
        int n = 0;
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT IGNORE INTO ").append(table).append(" VALUES ");
            List<Object> args = new ArrayList<>(chunk.size() * columns);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(one);
                args.addAll(List.of(chunk.get(i)));
            }
            n += jdbc.update(sql.toString(), args.toArray());
        }
        return n;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    private record PackageSpec(String code, String name, long cents, String gender, int minAge, List<String> items) {
    }
}
