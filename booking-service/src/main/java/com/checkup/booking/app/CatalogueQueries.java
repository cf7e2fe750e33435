package com.checkup.booking.app;

import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Period;
import com.checkup.booking.domain.Resources;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.booking.persistence.CapacityCalendar.SlotCount;
import com.checkup.booking.persistence.CatalogueRepository;
import com.checkup.booking.persistence.CatalogueRepository.ExamItem;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.cache.RecentReads;
import com.checkup.platform.paging.Keyset;
import com.checkup.platform.paging.KeysetCursor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Catalogue reads and the availability calendar the app shows. */
@Service
public class CatalogueQueries {
    /** Longest range one availability query may ask for (two months of calendar). */
    static final int MAX_AVAILABILITY_DAYS = 62;

    /** Catalogue changes reach the hold path within this time; every hold reads hospital and package. */
    static final Duration CACHE_TTL = Duration.ofSeconds(10);

    /** The hospital table's city column is VARCHAR(64). */
    static final int MAX_CITY = 64;
    /** The sort time of every hospital cursor: the list is by id alone. */
    private static final Instant BY_ID_ONLY = Instant.parse("2000-01-01T00:00:00Z");

    private final RecentReads<String, Hospital> hospitalCache;
    private final RecentReads<String, CheckupPackage> packageCache;
    private final CatalogueRepository catalogue;
    private final CapacityCalendar calendar;
    private final BookingPolicies policies;
    private final Clock clock;

    public CatalogueQueries(CatalogueRepository catalogue, CapacityCalendar calendar, BookingPolicies policies, Clock clock) {
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.policies = policies;
        this.clock = clock;
        // Bounds far above the catalogue's size (2,000 hospitals in the large seed, a few packages each).
        this.hospitalCache = new RecentReads<>(CACHE_TTL, 20_000, clock);
        this.packageCache = new RecentReads<>(CACHE_TTL, 100_000, clock);
    }

    public List<Hospital> hospitals() {
        return catalogue.hospitals();
    }

    /**
     * One page of hospitals by id, of one city or all. Keyset paging as everywhere else (platform-kit's
     * {@link Keyset}); hospitals have no sort time, so the cursor carries a fixed instant and only its id counts.
     */
    public Keyset.Page<Hospital> hospitals(String city, String cursor, Integer limit) {
        String c = city(city);
        KeysetCursor after = KeysetCursor.decodeOrFirst(cursor);
        Keyset page = Keyset.of(limit);
        List<Hospital> read = catalogue.hospitals(c, after == null ? null : after.id(), page.readSize());
        return page.page(read, h -> BY_ID_ONLY, Hospital::id);
    }

    public Map<String, Integer> cities() {
        return catalogue.cities();
    }

    /** A city filter: none (null or blank), else the trimmed name; too long or with control characters is a 400. */
    static String city(String city) {
        if (city == null || city.isBlank()) {
            return null;
        }
        String c = city.trim();
        if (c.length() > MAX_CITY || c.chars().anyMatch(Character::isISOControl)) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "city must be a city name of at most " + MAX_CITY + " characters");
        }
        return c;
    }

    public Hospital hospital(String hospitalId) {
        String id = required("hospitalId", hospitalId);
        return hospitalCache.get(id, () -> catalogue.hospital(id))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No hospital " + id));
    }

    public List<CheckupPackage> packages(String hospitalId) {
        return catalogue.packages(hospital(hospitalId).id());
    }

    public Map<String, List<ExamItem>> items(List<CheckupPackage> packages) {
        return catalogue.items(packages.stream().map(CheckupPackage::id).toList());
    }

    /** An active package the hospital sells; NOT_FOUND otherwise. */
    public CheckupPackage packageOf(Hospital h, String packageId) {
        String id = required("packageId", packageId);
        return packageCache.get(id, () -> catalogue.activePackage(id)).filter(p -> p.hospitalId().equals(h.id()))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "Hospital " + h.id() + " has no package " + id));
    }

    /**
     * Remaining places per day and period. A slot is open when the hospital opened it, it is not in the past and it
     * is inside the booking window; the remaining count is the smallest of the total and every resource needed.
     */
    public List<Availability> availability(String hospitalId, String packageId, String from, String to) {
        Hospital h = hospital(hospitalId);
        List<String> resources = packageId == null || packageId.isBlank() ? List.of() : packageOf(h, packageId).resources();
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_AVAILABILITY_DAYS) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Ask for at most " + MAX_AVAILABILITY_DAYS + " days at a time");
        }
        LocalDate today = h.today(clock.instant());
        LocalDate lastBookable = today.plusDays(policies.bookingWindowDays(h.id()));
        Map<String, SlotCount> rows = new HashMap<>();
        for (SlotCount c : calendar.read(h.id(), first, last, resources)) {
            rows.put(c.date() + "/" + c.period() + "/" + c.resource(), c);
        }
        List<Availability> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Period p : Period.values()) {
                SlotCount total = rows.get(d + "/" + p + "/" + Resources.TOTAL);
                boolean open = total != null && !d.isBefore(today) && !d.isAfter(lastBookable);
                int remaining = 0;
                if (open) {
                    remaining = total.remaining();
                    for (String r : resources) {
                        SlotCount rc = rows.get(d + "/" + p + "/" + r);
                        remaining = Math.min(remaining, rc == null ? 0 : rc.remaining());
                    }
                }
                out.add(new Availability(d, p, remaining, open));
            }
        }
        return out;
    }

    /** A recent value, or a fresh load; misses are not cached (a new hospital is bookable at once). */
    static LocalDate date(String field, String text) {
        String v = required(field, text);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, field + " must be a date as YYYY-MM-DD, not '" + text + "'");
        }
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, field + " is required");
        }
        return value.trim();
    }

    public record Availability(LocalDate date, Period period, int remaining, boolean open) {
    }
}
