package com.checkup.booking;

import static com.checkup.booking.BookingServiceFixture.as;
import static com.checkup.booking.BookingServiceFixture.newKey;
import static com.checkup.booking.BookingServiceFixture.request;
import static com.checkup.booking.BookingServiceFixture.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.booking.app.HoldWriter;
import com.checkup.booking.domain.Period;
import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.error.BusinessException;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 200 consumers hold at once, through Dubbo, for fewer places: never oversold, counters equal the booking rows. */
@ExtendWith(EmbeddedInfraExtension.class)
class CapacityConcurrencyIT {
    private static final int CALLERS = 200;
    private static BookingServiceFixture f;
    private static BookingService bookings;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        f = new BookingServiceFixture(infra, "booking_concurrency_it");
        bookings = f.bookings.get();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** Fires all holds at once; returns outcome → count ("HELD" or the error code). */
    private static Map<String, Long> stampede(String hospital, LocalDate day, Period period, Function<Integer, String> pkg)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            int n = i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return as("crowd-" + hospital + "-" + n, () -> bookings.hold(request(newKey(), hospital, pkg.apply(n), day, period)))
                            .getStatus().name();
                } catch (BusinessException e) {
                    return e.getCode();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "INTERRUPTED";
                }
            }, pool));
        }
        go.countDown();
        Map<String, Long> outcomes = calls.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return outcomes;
    }

    @Test
    void twoHundredHoldsForFiftyPlaces() throws Exception {
        f.hospital("HX");
        LocalDate day = today().plusDays(3);
        f.open("HX", day, Period.MORNING, 50, 0);

        Map<String, Long> outcomes = stampede("HX", day, Period.MORNING, n -> "HX-GEN");

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("HELD", 50L, "SOLD_OUT", 150L));
        assertThat(f.used("HX", day, Period.MORNING, "TOTAL")).isEqualTo(50);
        assertThat(f.bookingsHolding("HX", day, Period.MORNING, "%")).isEqualTo(50);
    }

    @Test
    void aFivePlaceCtLimitInsideABiggerSlot() throws Exception {
        f.hospital("HY");
        LocalDate day = today().plusDays(4);
        f.open("HY", day, Period.AFTERNOON, 100, 5);

        Map<String, Long> outcomes = stampede("HY", day, Period.AFTERNOON, n -> "HY-CT");

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("HELD", 5L, "SOLD_OUT", 195L));
        assertThat(f.used("HY", day, Period.AFTERNOON, "CT")).isEqualTo(5);
        assertThat(f.used("HY", day, Period.AFTERNOON, "TOTAL")).isEqualTo(5);
        assertThat(f.bookingsHolding("HY", day, Period.AFTERNOON, "HY-CT")).isEqualTo(5);
    }

    @Test
    void holdsArrivingTogetherAreWrittenTogetherWithEveryCounterExact() throws Exception {
        f.hospital("HW");
        LocalDate day = today().plusDays(7);
        f.open("HW", day, Period.MORNING, 400, 150);
        HoldWriter.Stats before = f.service.getBean(HoldWriter.class).stats();

        Map<String, Long> outcomes = stampede("HW", day, Period.MORNING, n -> n % 3 == 0 ? "HW-CT" : "HW-GEN");

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("HELD", 200L));
        HoldWriter.Stats after = f.service.getBean(HoldWriter.class).stats();
        assertThat(after.holds() - before.holds()).isEqualTo(200);
        assertThat(after.combinedHolds() - before.combinedHolds()).as("some holds were combined").isPositive();
        assertThat(after.transactions() - before.transactions()).as("fewer transactions than holds").isLessThan(200);
        int ct = f.bookingsHolding("HW", day, Period.MORNING, "HW-CT");
        assertThat(ct).isEqualTo(67);
        assertThat(f.used("HW", day, Period.MORNING, "CT")).isEqualTo(ct);
        assertThat(f.used("HW", day, Period.MORNING, "TOTAL")).isEqualTo(200).isEqualTo(f.bookingsHolding("HW", day, Period.MORNING, "%"));
    }

    @Test
    void mixedPackagesNeverOversellEitherCounter() throws Exception {
        f.hospital("HZ");
        LocalDate day = today().plusDays(6);
        f.open("HZ", day, Period.MORNING, 40, 5);

        Map<String, Long> outcomes = stampede("HZ", day, Period.MORNING, n -> n % 2 == 0 ? "HZ-CT" : "HZ-GEN");

        assertThat(outcomes.get("HELD")).isEqualTo(40L);
        assertThat(outcomes.get("SOLD_OUT")).isEqualTo(160L);
        int ct = f.bookingsHolding("HZ", day, Period.MORNING, "HZ-CT");
        assertThat(ct).isBetween(1, 5);
        assertThat(f.used("HZ", day, Period.MORNING, "CT")).isEqualTo(ct);
        assertThat(f.used("HZ", day, Period.MORNING, "TOTAL")).isEqualTo(40).isEqualTo(f.bookingsHolding("HZ", day, Period.MORNING, "%"));
    }
}
