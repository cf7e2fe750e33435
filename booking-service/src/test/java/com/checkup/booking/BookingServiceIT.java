package com.checkup.booking;

import static com.checkup.booking.BookingServiceFixture.as;
import static com.checkup.booking.BookingServiceFixture.asDesk;
import static com.checkup.booking.BookingServiceFixture.code;
import static com.checkup.booking.BookingServiceFixture.newKey;
import static com.checkup.booking.BookingServiceFixture.request;
import static com.checkup.booking.BookingServiceFixture.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.checkup.booking.app.HoldExpiry;
import com.checkup.booking.app.BookingPolicies;
import com.checkup.booking.domain.Period;
import com.checkup.contracts.booking.BookingEvent;
import com.checkup.contracts.booking.BookingService;
import java.util.Map;
import com.checkup.booking.app.DeskCommands;
import com.checkup.contracts.booking.CapacityView;
import com.checkup.contracts.booking.CapacityChange;
import com.checkup.contracts.booking.DeskService;
import com.checkup.contracts.booking.HospitalFeed;
import com.checkup.platform.embedded.Acting;
import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.HoldRequest;
import com.checkup.contracts.booking.HospitalPage;
import com.checkup.booking.config.DemoData;
import com.checkup.contracts.booking.PackageView;
import com.checkup.contracts.booking.SlotAvailability;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.flags.FeatureFlag;
import com.checkup.platform.flags.FeatureFlags;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** booking-service flows on real ZooKeeper, RocketMQ and MariaDB; order/payment stood in for over Dubbo. */
@ExtendWith(EmbeddedInfraExtension.class)
class BookingServiceIT {
    private static BookingServiceFixture f;
    private static BookingService bookings;
    private static final LocalDate DAY = today().plusDays(5);

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        f = new BookingServiceFixture(infra, "booking_it");
        bookings = f.bookings.get();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static <T> void flag(FeatureFlag<T> flag, String hospital, String value, T expected) {
        f.service.getBean(FeatureFlags.class).set(flag, hospital, value);
        await().atMost(Duration.ofSeconds(10)).until(() -> expected.equals(f.service.getBean(FeatureFlags.class).get(flag, hospital)));
    }

    private static BookingView hold(String consumer, HoldRequest r) {
        return as(consumer, () -> bookings.hold(r));
    }

    private static BookingView get(String consumer, String id) {
        return as(consumer, () -> bookings.get(id));
    }

    @Test
    void theDeskChecksInItsOwnHospitalsBookingsEditsCapacityAndDayEndMarksNoShows() throws Exception {
        f.hospital("HD");
        f.hospital("HE");
        LocalDate today = today();
        f.open("HD", today, Period.MORNING, 5, 2);
        f.open("HD", today.plusDays(1), Period.MORNING, 5, 2);
        DeskService desk = f.desk.get();
        BookingView b = hold("dora", request(newKey(), "HD", "HD-CT", today, Period.MORNING));
        assertThat(code(() -> asDesk("HD", () -> desk.checkIn(b.getBookingId())))).as("unpaid").isEqualTo("CONFLICT");
        f.pay(b.getOrderId());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("dora", b.getBookingId()).getStatus() == BookingStatus.CONFIRMED);

        // Scope: another hospital's desk sees nothing; a consumer is not a desk.
        assertThat(code(() -> asDesk("HE", () -> desk.checkIn(b.getBookingId())))).isEqualTo("NOT_FOUND");
        assertThat(asDesk("HE", () -> desk.arrivals(null))).isEmpty();
        assertThat(code(() -> as("dora", () -> desk.arrivals(null)))).isEqualTo("FORBIDDEN");

        List<BookingView> arrivals = asDesk("HD", () -> desk.arrivals(today.toString()));
        assertThat(arrivals).extracting(BookingView::getBookingId).containsExactly(b.getBookingId());
        assertThat(arrivals.get(0).getIdNumberMasked()).doesNotContain("19880412");

        assertThat(asDesk("HD", () -> desk.checkIn(b.getBookingId())).getStatus()).isEqualTo(BookingStatus.CHECKED_IN);
        assertThat(asDesk("HD", () -> desk.checkIn(b.getBookingId())).getStatus()).as("a repeat").isEqualTo(BookingStatus.CHECKED_IN);
        assertThat(f.events(BookingEvent.CHECKED_IN, b.getBookingId())).isEqualTo(1);

        // By the examinee's short code instead of the id (case and dashes do not matter); only at the own hospital.
        BookingView c = hold("carl", request(newKey(), "HD", "HD-GEN", today, Period.MORNING));
        f.pay(c.getOrderId());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("carl", c.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
        String code = c.getCheckInCode();
        assertThat(code).hasSize(8);
        assertThat(code(() -> asDesk("HE", () -> desk.checkIn(code)))).isEqualTo("NOT_FOUND");
        BookingView byCode = asDesk("HD", () -> desk.checkIn(code.substring(0, 4).toLowerCase() + "-" + code.substring(4)));
        assertThat(byCode.getBookingId()).isEqualTo(c.getBookingId());
        assertThat(byCode.getStatus()).isEqualTo(BookingStatus.CHECKED_IN);

        // The hospital's own system reports an arrival (relayed by hospital-sync): only the platform itself may say so.
        BookingView e = hold("erin", request(newKey(), "HD", "HD-GEN", today, Period.MORNING));
        f.pay(e.getOrderId());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("erin", e.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
        HospitalFeed feed = f.feed.get();
        assertThat(code(() -> asDesk("HD", () -> feed.checkedIn(e.getBookingId())))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> as("erin", () -> feed.checkedIn(e.getBookingId())))).isEqualTo("FORBIDDEN");
        assertThat(Acting.as("SYSTEM", null, "hospital-sync-service", () -> feed.checkedIn(e.getBookingId())).getStatus())
                .isEqualTo(BookingStatus.CHECKED_IN);
        assertThat(Acting.as("SYSTEM", null, "hospital-sync-service", () -> feed.checkedIn(e.getBookingId())).getStatus())
                .as("a repeat").isEqualTo(BookingStatus.CHECKED_IN);
        assertThat(f.events(BookingEvent.CHECKED_IN, e.getBookingId())).isEqualTo(1);

        // Capacity: never below what is booked; the whole change or nothing.
        CapacityChange tooLow = new CapacityChange();
        tooLow.setDate(today.toString());
        tooLow.setPeriod("MORNING");
        tooLow.setTotals(new java.util.LinkedHashMap<>(Map.of("TOTAL", 9)));
        tooLow.getTotals().put("CT", 0);
        assertThat(code(() -> asDesk("HD", () -> desk.setCapacity(tooLow)))).isEqualTo("CONFLICT");
        assertThat(f.db.queryForObject("SELECT total FROM capacity_slot WHERE hospital_id = 'HD' AND slot_date = ? AND period = 'MORNING'"
                + " AND resource = 'TOTAL'", Integer.class, today)).as("rolled back").isEqualTo(5);
        CapacityChange ok = new CapacityChange();
        ok.setDate(today.toString());
        ok.setPeriod("MORNING");
        ok.setTotals(Map.of("TOTAL", 9, "CT", 1, "ULTRASOUND", 3));
        List<CapacityView> rows = asDesk("HD", () -> desk.setCapacity(ok));
        assertThat(rows).filteredOn(r -> r.getPeriod().equals("MORNING")).extracting(CapacityView::getResource, CapacityView::getTotal, CapacityView::getUsed)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CT", 1, 1), org.assertj.core.groups.Tuple.tuple("TOTAL", 9, 3),
                        org.assertj.core.groups.Tuple.tuple("ULTRASOUND", 3, 0));
        CapacityChange past = new CapacityChange();
        past.setDate(today.minusDays(1).toString());
        past.setPeriod("MORNING");
        past.setTotals(Map.of("TOTAL", 1));
        assertThat(code(() -> asDesk("HD", () -> desk.setCapacity(past)))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> asDesk("HE", () -> desk.capacity("not-a-date")))).isEqualTo("VALIDATION_FAILED");

        // Day end: a confirmed booking whose day is over (moved to yesterday here) becomes NO_SHOW, once.
        BookingView late = hold("dora", request(newKey(), "HD", "HD-GEN", today.plusDays(1), Period.MORNING));
        f.pay(late.getOrderId());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("dora", late.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
        f.db.update("UPDATE booking SET slot_date = ? WHERE id = ?", today.minusDays(1), late.getBookingId());
        assertThat(f.service.getBean(DeskCommands.class).markNoShows()).isGreaterThanOrEqualTo(1);
        assertThat(get("dora", late.getBookingId()).getStatus()).isEqualTo(BookingStatus.NO_SHOW);
        assertThat(get("dora", b.getBookingId()).getStatus()).as("checked in: not a no-show").isEqualTo(BookingStatus.CHECKED_IN);
        f.service.getBean(DeskCommands.class).markNoShows();
        assertThat(f.events(BookingEvent.NO_SHOW, late.getBookingId())).isEqualTo(1);
    }

    @Test
    void demoCatalogueAndAvailabilityForAPackageNeedingCt() {
        assertThat(bookings.hospitals()).extracting(h -> h.getHospitalId()).contains("H001", "H002", "H003");
        List<PackageView> packages = bookings.packages("H001");
        assertThat(packages).extracting(PackageView::getPackageId).contains("H001-BASIC", "H001-CT", "H001-WOMEN");
        PackageView ct = packages.stream().filter(p -> p.getPackageId().equals("H001-CT")).findFirst().orElseThrow();
        assertThat(ct.getItems()).extracting(i -> i.getResource()).contains("CT");
        assertThat(ct.getPriceCents()).isEqualTo(129_900);

        List<SlotAvailability> days = bookings.availability("H001", "H001-CT", today().minusDays(1).toString(),
                today().plusDays(40).toString());
        assertThat(days).hasSize(42 * 2);
        SlotAvailability yesterday = days.get(0);
        assertThat(yesterday.isOpen()).isFalse();
        SlotAvailability morning = days.stream().filter(d -> d.getDate().equals(DAY.toString()) && d.getPeriod().equals("MORNING"))
                .findFirst().orElseThrow();
        // 40 places, 8 CT, 25 ultrasound: a CT package is limited by the CT.
        assertThat(morning.isOpen()).isTrue();
        assertThat(morning.getRemaining()).isLessThanOrEqualTo(8).isGreaterThan(0);
        assertThat(days.get(days.size() - 1).isOpen()).as("beyond the 30-day window").isFalse();

        assertThat(code(() -> bookings.availability("H001", null, "2026-01-01", "2027-01-01"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> bookings.availability("H001", null, "tomorrow", "2027-01-01"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> bookings.availability("H999", null, "2026-01-01", "2026-01-02"))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> bookings.packages("H999"))).isEqualTo("NOT_FOUND");
    }

    @Test
    void theHospitalListComesInPagesByIdFilteredByCityAndBadInputIsAValidationFailure() {
        for (int i = 1; i <= 5; i++) {
            f.db.update("INSERT IGNORE INTO hospital (id, name, city, timezone, connector) VALUES (?, ?, 'Pagetown', 'Asia/Shanghai', 'MANUAL')",
                    "PT" + i, "Pagetown hospital " + i);
        }
        f.db.update("INSERT IGNORE INTO hospital (id, name, city, timezone, connector) VALUES ('PU1', 'Elsewhere', 'Othertown', 'Asia/Shanghai', 'MANUAL')");
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HospitalPage page = bookings.hospitalPage("Pagetown", cursor, 2);
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(2).allMatch(h -> h.getCity().equals("Pagetown"));
            page.getItems().forEach(h -> seen.add(h.getHospitalId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly("PT1", "PT2", "PT3", "PT4", "PT5");
        assertThat(pages).isEqualTo(3);
        // Without a city: every hospital once, by id, across pages; a page exactly full says nothing more follows.
        List<String> everyone = new java.util.ArrayList<>();
        cursor = null;
        pages = 0;
        do {
            HospitalPage page = bookings.hospitalPage(null, cursor, 200);
            page.getItems().forEach(h -> everyone.add(h.getHospitalId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(everyone).contains("H001", "H002", "H003", "PT1", "PU1").doesNotHaveDuplicates();
        assertThat(bookings.hospitalPage("Pagetown", null, 5).getNextCursor()).isNull();
        assertThat(bookings.cities()).anySatisfy(c -> {
            assertThat(c.getCity()).isEqualTo("Pagetown");
            assertThat(c.getHospitals()).isEqualTo(5);
        });
        assertThat(bookings.hospitalPage("Nowhere", null, null).getItems()).isEmpty();
        assertThat(bookings.hospital("PT3").getName()).isEqualTo("Pagetown hospital 3");
        assertThat(code(() -> bookings.hospital("PT9"))).isEqualTo("NOT_FOUND");

        assertThat(code(() -> bookings.hospitalPage(null, "not-a-cursor", null))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> bookings.hospitalPage(null, "djF8MjAyNi0wMS0wMVQwMDowMDowMFp8SDAwMSdPUiAx", null)))
                .as("a forged cursor with SQL in its id").isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> bookings.hospitalPage("x".repeat(65), null, null))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> bookings.hospitalPage("Bei\u0000jing", null, null))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> bookings.hospitalPage(null, null, 0))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> bookings.hospitalPage(null, null, 201))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theLargeDemoSeedWritesTwoThousandHospitalsOnceAndARepeatWritesNothing() {
        DemoData demo = f.service.getBean(DemoData.class);
        long t0 = System.nanoTime();
        int first = demo.seedLarge();
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        int again = demo.seedLarge();
        long againMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("large seed: %d rows in %d ms, repeat: %d rows in %d ms%n", first, firstMs, again, againMs);
        // 2,000 hospitals, 6,000 packages, 20,000 package items, 2,000 x 31 days x 2 periods x 3 resources.
        assertThat(first).isEqualTo(2_000 + 6_000 + 20_000 + 372_000);
        assertThat(again).isZero();
        assertThat(f.db.queryForObject("SELECT COUNT(DISTINCT city) FROM hospital WHERE id LIKE 'G%'", Integer.class)).isEqualTo(200);
        assertThat(f.db.queryForObject("SELECT COUNT(*) FROM hospital WHERE id LIKE 'G%' AND connector = 'HTTP_JSON'", Integer.class))
                .isEqualTo(200);
        // The small seed is untouched: H001 keeps its packages and capacity.
        assertThat(bookings.packages("H001")).extracting(PackageView::getPackageId).containsExactly("H001-BASIC", "H001-CT", "H001-WOMEN");
        assertThat(bookings.hospitalPage("Beijing", null, 200).getItems()).hasSize(11);
        List<SlotAvailability> week = bookings.availability("G0777", "G0777-CT", today().toString(), today().plusDays(6).toString());
        assertThat(week).hasSize(14).allMatch(SlotAvailability::isOpen);
    }

    @Test
    void holdCreatesTheOrderStoresPersonalDataEncryptedAndTakesCapacity() {
        f.hospital("HA");
        f.open("HA", DAY, Period.MORNING, 10, 2);
        BookingView b = hold("alice", request(newKey(), "HA", "HA-CT", DAY, Period.MORNING));

        assertThat(b.getStatus()).isEqualTo(BookingStatus.HELD);
        assertThat(b.getOrderId()).isNotNull();
        assertThat(b.getAmountCents()).isEqualTo(90_000);
        assertThat(Instant.parse(b.getHoldExpiresAt())).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(b.getIdNumberMasked()).matches("320\\*+\\d{3}[\\dX]");
        assertThat(b.getPhoneMasked()).isEqualTo("139****5678");
        assertThat(f.orders.get(b.getOrderId()).getAmountCents()).isEqualTo(90_000);
        assertThat(f.orders.get(b.getOrderId()).getBookingId()).isEqualTo(b.getBookingId());

        var row = f.db.queryForMap("SELECT id_number_enc, phone_enc FROM booking WHERE id = ?", b.getBookingId());
        assertThat((String) row.get("id_number_enc")).startsWith("v1:k1:").doesNotContain("19880412");
        assertThat((String) row.get("phone_enc")).doesNotContain("13912345678");

        assertThat(f.used("HA", DAY, Period.MORNING, "TOTAL")).isEqualTo(1);
        assertThat(f.used("HA", DAY, Period.MORNING, "CT")).isEqualTo(1);
        // The order id was recorded with the hold; the expiry is a broker reminder, not an outbox row.
        assertThat(b.getOrderId()).isEqualTo("O" + b.getBookingId());
        assertThat(f.db.queryForObject("SELECT order_id FROM booking WHERE id = ?", String.class, b.getBookingId()))
                .isEqualTo(b.getOrderId());
        assertThat(f.db.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE event_type = ?", Integer.class,
                HoldExpiry.HOLD_DUE)).isZero();

        // Only the owner sees it.
        assertThat(get("alice", b.getBookingId()).getBookingId()).isEqualTo(b.getBookingId());
        assertThat(code(() -> get("mallory", b.getBookingId()))).isEqualTo("NOT_FOUND");
        assertThat(as("alice", () -> bookings.mine())).extracting(BookingView::getBookingId).contains(b.getBookingId());
        assertThat(code(() -> bookings.get(b.getBookingId()))).as("no caller").isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void holdWritingAndTheOutboxAreOnThePrometheusEndpoint() throws Exception {
        f.hospital("HM");
        f.open("HM", DAY, Period.MORNING, 10, 0);
        hold("mona", request(newKey(), "HM", "HM-GEN", DAY, Period.MORNING));
        String port = f.service.getEnvironment().getProperty("local.server.port");
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String metrics = response.body();
        double written = metrics.lines().filter(l -> l.startsWith("checkup_booking_holds_written_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        assertThat(written).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("checkup_booking_hold_transactions_total", "checkup_booking_holds_combined_total",
                "checkup_outbox_pending", "checkup_reminders_failed_total", "checkup_reminders_in_flight");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameBookingAndADifferentBodyIsAConflict() throws Exception {
        f.hospital("HB");
        f.open("HB", DAY, Period.MORNING, 10, 0);
        String key = newKey();
        HoldRequest r = request(key, "HB", "HB-GEN", DAY, Period.MORNING);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<CompletableFuture<BookingView>> racing = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> hold("bob", r), pool));
        }
        List<String> ids = racing.stream().map(CompletableFuture::join).map(BookingView::getBookingId).distinct().toList();
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(hold("bob", r).getBookingId()).isEqualTo(ids.get(0));
        assertThat(f.used("HB", DAY, Period.MORNING, "TOTAL")).isEqualTo(1);
        assertThat(f.orders.idByBooking.get(ids.get(0))).isNotNull();

        HoldRequest other = request(key, "HB", "HB-GEN", DAY, Period.AFTERNOON);
        assertThat(code(() -> hold("bob", other))).isEqualTo("IDEMPOTENCY_CONFLICT");
        // The key belongs to bob: another consumer may use the same text for their own booking.
        assertThat(hold("carol", r).getBookingId()).isNotEqualTo(ids.get(0));

        // A repeat still finds its booking after the request stopped being valid (here: the window shrank).
        flag(BookingPolicies.BOOKING_WINDOW_DAYS, "HB", "1", 1);
        assertThat(hold("bob", r).getBookingId()).isEqualTo(ids.get(0));
        assertThat(code(() -> hold("bob", other))).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(code(() -> hold("bob", request(newKey(), "HB", "HB-GEN", DAY, Period.MORNING)))).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void badInputGetsAClearCodeAndWritesNothing() {
        f.hospital("HC");
        f.open("HC", DAY, Period.MORNING, 10, 0);
        int before = f.db.queryForObject("SELECT COUNT(*) FROM booking", Integer.class);
        HoldRequest ok = request(newKey(), "HC", "HC-GEN", DAY, Period.MORNING);

        assertThat(code(() -> bookings.hold(ok))).as("no consumer").isEqualTo("UNAUTHENTICATED");
        assertThat(code(() -> hold("dave", request(null, "HC", "HC-GEN", DAY, Period.MORNING)))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> hold("dave", request(newKey(), "H404", "HC-GEN", DAY, Period.MORNING)))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> hold("dave", request(newKey(), "HC", "H001-BASIC", DAY, Period.MORNING)))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> hold("dave", request(newKey(), "HC", "HC-GEN", today().minusDays(1), Period.MORNING))))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(() -> hold("dave", request(newKey(), "HC", "HC-GEN", today().plusDays(31), Period.MORNING))))
                .isEqualTo("VALIDATION_FAILED");
        HoldRequest badPeriod = request(newKey(), "HC", "HC-GEN", DAY, Period.MORNING);
        badPeriod.setPeriod("EVENING");
        assertThat(code(() -> hold("dave", badPeriod))).isEqualTo("VALIDATION_FAILED");
        HoldRequest badId = request(newKey(), "HC", "HC-GEN", DAY, Period.MORNING);
        badId.getExaminee().setIdNumber("320102198804120310");
        assertThat(code(() -> hold("dave", badId))).isEqualTo("VALIDATION_FAILED");
        HoldRequest tooYoung = request(newKey(), "HC", "HC-GEN", DAY, Period.MORNING);
        LocalDate birth = today().minusYears(10);
        tooYoung.getExaminee().setBirthDate(birth.toString());
        tooYoung.getExaminee().setIdNumber(BookingServiceFixture.idNumber(birth));
        assertThat(code(() -> hold("dave", tooYoung))).isEqualTo("NOT_ELIGIBLE");
        assertThat(code(() -> hold("dave", request(newKey(), "HC", "HC-GEN", DAY, Period.AFTERNOON)))).as("slot not opened")
                .isEqualTo("SOLD_OUT");

        assertThat(f.db.queryForObject("SELECT COUNT(*) FROM booking", Integer.class)).isEqualTo(before);
        assertThat(f.used("HC", DAY, Period.MORNING, "TOTAL")).isZero();
    }

    @Test
    void paymentConfirmsTheBookingOnceEvenIfTheEventComesTwice() throws Exception {
        f.hospital("HD");
        f.open("HD", DAY, Period.MORNING, 10, 0);
        BookingView b = hold("erin", request(newKey(), "HD", "HD-GEN", DAY, Period.MORNING));
        f.pay(b.getOrderId());
        f.pay(b.getOrderId());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("erin", b.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
        assertThat(get("erin", b.getBookingId()).getHoldExpiresAt()).isNull();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> f.events(BookingEvent.CONFIRMED, b.getBookingId()) == 1);
        assertThat(f.used("HD", DAY, Period.MORNING, "TOTAL")).isEqualTo(1);
    }

    @Test
    void aForgedOrderPaidEventConfirmsNothing() throws Exception {
        f.hospital("HF");
        f.open("HF", DAY, Period.MORNING, 10, 0);
        BookingView b = hold("fred", request(newKey(), "HF", "HF-GEN", DAY, Period.MORNING));
        // Anyone who can publish to the broker: an order.paid for an order order-service has not seen paid.
        OrderEvent forged = new OrderEvent();
        forged.setOrderId(b.getOrderId());
        forged.setBookingId(b.getBookingId());
        forged.setStatus(OrderStatus.PAID);
        String eventId = f.sendOrderEvent(OrderEvent.PAID, forged);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.db.queryForObject(
                "SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId) == 1);
        assertThat(get("fred", b.getBookingId()).getStatus()).isEqualTo(BookingStatus.HELD);
        assertThat(f.events(BookingEvent.CONFIRMED, b.getBookingId())).isZero();
        // The genuine one confirms it.
        f.pay(b.getOrderId());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("fred", b.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
    }

    /** A hospital whose morning slot has 10 places ({@code ct} of them CT) and holds that end after 2 seconds. */
    private void openWithTwoSecondHolds(String hospital, int ct) {
        f.hospital(hospital);
        f.open(hospital, DAY, Period.MORNING, 10, ct);
        flag(BookingPolicies.HOLD_EXPIRY, hospital, "PT2S", Duration.ofSeconds(2));
    }

    @Test
    void anUnpaidHoldExpiresOnceWithItsOrderClosedAndThePlaceBack() {
        openWithTwoSecondHolds("HE", 3);
        BookingView b = hold("frank", request(newKey(), "HE", "HE-CT", DAY, Period.MORNING));
        assertThat(f.used("HE", DAY, Period.MORNING, "CT")).isEqualTo(1);
        // The sweep racing the delayed message must not give the place back twice.
        await().pollDelay(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(3)).until(() -> true);
        f.service.getBean(HoldExpiry.class).sweepOverdueHolds(Duration.ZERO);

        await().atMost(Duration.ofSeconds(20)).until(() -> get("frank", b.getBookingId()).getStatus() == BookingStatus.EXPIRED);
        assertThat(f.orders.get(b.getOrderId()).getStatus()).isEqualTo(OrderStatus.CLOSED);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> f.events(BookingEvent.EXPIRED, b.getBookingId()) == 1);
        assertThat(f.used("HE", DAY, Period.MORNING, "TOTAL")).isZero();
        assertThat(f.used("HE", DAY, Period.MORNING, "CT")).isZero();
    }

    @Test
    void theHoldsReminderAloneEndsItOnTime() {
        openWithTwoSecondHolds("HR", 0);
        BookingView b = hold("rita", request(newKey(), "HR", "HR-GEN", DAY, Period.MORNING));
        // No sweep here (its first run is a minute away): only the broker's timer message can end it this soon.
        await().atMost(Duration.ofSeconds(15)).until(() -> get("rita", b.getBookingId()).getStatus() == BookingStatus.EXPIRED);
        assertThat(f.orders.get(b.getOrderId()).getStatus()).isEqualTo(OrderStatus.CLOSED);
        assertThat(f.used("HR", DAY, Period.MORNING, "TOTAL")).isZero();
    }

    @Test
    void aHoldWhoseOrderWasNeverCreatedStillExpiresWithItsOrderClosed() {
        openWithTwoSecondHolds("HS", 0);
        HoldRequest r = request(newKey(), "HS", "HS-GEN", DAY, Period.MORNING);
        f.orders.down = true;
        try {
            assertThat(code(() -> hold("sam", r))).isEqualTo("UNAVAILABLE");
        } finally {
            f.orders.down = false;
        }
        String bookingId = f.db.queryForObject("SELECT id FROM booking WHERE consumer_id = 'sam'", String.class);
        // The client never came back: the expiry creates the order only to close it, so none can be paid later.
        await().atMost(Duration.ofSeconds(15)).until(() -> get("sam", bookingId).getStatus() == BookingStatus.EXPIRED);
        assertThat(f.orders.get("O" + bookingId).getStatus()).isEqualTo(OrderStatus.CLOSED);
        assertThat(f.used("HS", DAY, Period.MORNING, "TOTAL")).isZero();
    }

    @Test
    void aHoldPaidJustBeforeItsExpiryIsConfirmedNotExpired() throws Exception {
        openWithTwoSecondHolds("HF", 0);
        BookingView b = hold("gina", request(newKey(), "HF", "HF-GEN", DAY, Period.MORNING));
        f.orders.markPaid(b.getOrderId()); // paid, but order.paid not delivered yet when the expiry runs
        await().pollDelay(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(3)).until(() -> true);
        f.service.getBean(HoldExpiry.class).sweepOverdueHolds(Duration.ZERO);
        assertThat(get("gina", b.getBookingId()).getStatus()).isEqualTo(BookingStatus.HELD);

        f.pay(b.getOrderId());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("gina", b.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
        assertThat(f.used("HF", DAY, Period.MORNING, "TOTAL")).isEqualTo(1);
    }

    @Test
    void aConsumerHoldsAtMostTheFlagsNumberOfUnpaidPlaces() throws Exception {
        f.hospital("HQ");
        f.open("HQ", DAY, Period.MORNING, 20, 0);
        String me = "greedy-" + newKey();
        List<BookingView> held = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(hold(me, request(newKey(), "HQ", "HQ-GEN", DAY, Period.MORNING)));
        }
        HoldRequest fourth = request(newKey(), "HQ", "HQ-GEN", DAY, Period.MORNING);
        assertThat(code(() -> hold(me, fourth))).isEqualTo("TOO_MANY_HOLDS");
        // Many at once from one account: still at most three live holds.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> tries = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tries.add(pool.submit(() -> code(() -> hold(me, request(newKey(), "HQ", "HQ-GEN", DAY, Period.MORNING)))));
        }
        for (var t : tries) {
            assertThat(t.get()).isEqualTo("TOO_MANY_HOLDS");
        }
        assertThat(f.used("HQ", DAY, Period.MORNING, "TOTAL")).isEqualTo(3);
        // Among others' holds on the same slot at the same moment (combined into one write when they meet; the cap is
        // counted there for all of them at once): only the one at the cap is refused.
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            String who = i == 6 ? me : "crowd-" + i + "-" + newKey();
            crowd.add(pool.submit(() -> {
                go.await();
                return code(() -> hold(who, request(newKey(), "HQ", "HQ-GEN", DAY, Period.MORNING)));
            }));
        }
        go.countDown();
        for (int i = 0; i < crowd.size(); i++) {
            assertThat(crowd.get(i).get()).as("hold " + i).isEqualTo(i == 6 ? "TOO_MANY_HOLDS" : "none");
        }
        pool.shutdown();
        assertThat(f.used("HQ", DAY, Period.MORNING, "TOTAL")).isEqualTo(15);
        // The hold write sends its statements as one; multi-statements are allowed on its own pool only.
        assertThatThrownBy(() -> f.db.queryForList("SELECT 1; SELECT 2"))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        // Its pool is measured like the main one (hikaricp_connections_*{pool="hold-writes"}).
        assertThat(f.service.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("hikaricp.connections")
                .tag("pool", "hold-writes").gauge()).isNotNull();
        // Someone else is not affected; a repeat of a held request still answers its booking.
        assertThat(hold("other-" + newKey(), request(newKey(), "HQ", "HQ-GEN", DAY, Period.MORNING)).getStatus())
                .isEqualTo(BookingStatus.HELD);
        // Cancelling one makes room for one more.
        as(me, () -> bookings.cancel(held.get(0).getBookingId(), null));
        assertThat(hold(me, fourth).getStatus()).isEqualTo(BookingStatus.HELD);
        // The cap is a flag: ops may allow more at a hospital.
        flag(BookingPolicies.MAX_UNPAID_HOLDS, "HQ", "4", 4);
        assertThat(hold(me, request(newKey(), "HQ", "HQ-GEN", DAY, Period.MORNING)).getStatus()).isEqualTo(BookingStatus.HELD);
    }

    @Test
    void cancellingGivesThePlaceBackAndAPaidBookingIsRefundedBeforeTheDeadlineOnly() throws Exception {
        f.hospital("HG");
        f.open("HG", DAY, Period.MORNING, 10, 0);
        BookingView unpaid = hold("hank", request(newKey(), "HG", "HG-GEN", DAY, Period.MORNING));
        assertThat(code(() -> as("hank", () -> bookings.cancel(unpaid.getBookingId(), "x".repeat(65))))).isEqualTo("VALIDATION_FAILED");
        assertThat(f.orders.get(unpaid.getOrderId()).getStatus()).as("nothing changed by a rejected cancel")
                .isEqualTo(OrderStatus.CREATED);
        BookingView cancelled = as("hank", () -> bookings.cancel(unpaid.getBookingId(), null));
        assertThat(cancelled.getStatus()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(f.orders.get(unpaid.getOrderId()).getStatus()).isEqualTo(OrderStatus.CLOSED);
        assertThat(as("hank", () -> bookings.cancel(unpaid.getBookingId(), null)).getStatus()).as("repeat")
                .isEqualTo(BookingStatus.CANCELLED);
        assertThat(code(() -> as("ivan", () -> bookings.cancel(unpaid.getBookingId(), null)))).isEqualTo("NOT_FOUND");

        BookingView paid = hold("hank", request(newKey(), "HG", "HG-GEN", DAY, Period.MORNING));
        f.pay(paid.getOrderId());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("hank", paid.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
        assertThat(as("hank", () -> bookings.cancel(paid.getBookingId(), "plans changed")).getStatus()).isEqualTo(BookingStatus.CANCELLED);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.payments.refunds.contains("P-" + paid.getOrderId() + " BOOKING_CANCELLED by SYSTEM"));
        assertThat(f.used("HG", DAY, Period.MORNING, "TOTAL")).isZero();

        // A hospital whose deadline is long past for this day: a paid booking can no longer be cancelled.
        f.hospital("HH");
        f.open("HH", DAY, Period.MORNING, 10, 0);
        BookingView late = hold("hank", request(newKey(), "HH", "HH-GEN", DAY, Period.MORNING));
        f.pay(late.getOrderId());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("hank", late.getBookingId()).getStatus() == BookingStatus.CONFIRMED);
        flag(BookingPolicies.CHANGE_DEADLINE, "HH", "P10D", Duration.ofDays(10));
        assertThat(code(() -> as("hank", () -> bookings.cancel(late.getBookingId(), null)))).isEqualTo("CONFLICT");
        assertThat(get("hank", late.getBookingId()).getStatus()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void rescheduleTakesTheNewPlaceBeforeGivingTheOldOneBack() {
        f.hospital("HI");
        LocalDate next = DAY.plusDays(1);
        f.open("HI", DAY, Period.MORNING, 10, 2);
        f.open("HI", next, Period.AFTERNOON, 10, 1);
        f.open("HI", next, Period.MORNING, 10, 0); // no CT row: no CT place
        BookingView b = hold("judy", request(newKey(), "HI", "HI-CT", DAY, Period.MORNING));

        BookingView moved = as("judy", () -> bookings.reschedule(b.getBookingId(), next.toString(), "AFTERNOON"));
        assertThat(moved.getDate()).isEqualTo(next.toString());
        assertThat(moved.getPeriod()).isEqualTo("AFTERNOON");
        assertThat(f.used("HI", DAY, Period.MORNING, "CT")).isZero();
        assertThat(f.used("HI", next, Period.AFTERNOON, "CT")).isEqualTo(1);
        assertThat(f.events(BookingEvent.RESCHEDULED, b.getBookingId())).isEqualTo(1);

        assertThat(code(() -> as("judy", () -> bookings.reschedule(b.getBookingId(), next.toString(), "MORNING"))))
                .isEqualTo("SOLD_OUT");
        assertThat(get("judy", b.getBookingId()).getPeriod()).isEqualTo("AFTERNOON");
        assertThat(f.used("HI", next, Period.AFTERNOON, "CT")).isEqualTo(1);
        assertThat(f.used("HI", next, Period.MORNING, "TOTAL")).isZero();
        assertThat(code(() -> as("judy", () -> bookings.reschedule(b.getBookingId(), "2020-01-01", "MORNING"))))
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void whenTheOrderCannotBeCreatedTheClientRetriesWithTheSameKey() {
        f.hospital("HJ");
        f.open("HJ", DAY, Period.MORNING, 10, 0);
        HoldRequest r = request(newKey(), "HJ", "HJ-GEN", DAY, Period.MORNING);
        f.orders.down = true;
        try {
            assertThat(code(() -> hold("kate", r))).isEqualTo("UNAVAILABLE");
        } finally {
            f.orders.down = false;
        }
        BookingView b = hold("kate", r);
        assertThat(b.getOrderId()).isNotNull();
        assertThat(f.used("HJ", DAY, Period.MORNING, "TOTAL")).isEqualTo(1);
    }
}
