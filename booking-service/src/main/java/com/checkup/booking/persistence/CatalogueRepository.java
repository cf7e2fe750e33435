package com.checkup.booking.persistence;

import com.checkup.booking.domain.CheckupPackage;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.domain.Resources;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Hospitals, packages and exam items (read-mostly reference data). */
@Repository
public class CatalogueRepository {
    private final CatalogueMapper mapper;

    public CatalogueRepository(CatalogueMapper mapper) {
        this.mapper = mapper;
    }

    public List<Hospital> hospitals() {
        return mapper.hospitals().stream().map(CatalogueRepository::hospital).toList();
    }

    /**
     * Up to {@code n} hospitals after {@code afterId} (null: from the first) by id, of one city when {@code city} is not
     * null.
     */
    public List<Hospital> hospitals(String city, String afterId, int n) {
        return mapper.page(city, afterId, n).stream().map(CatalogueRepository::hospital).toList();
    }

    /** Cities by name with their number of hospitals. */
    public Map<String, Integer> cities() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map<String, Object> r : mapper.cities()) {
            out.put((String) r.get("city"), ((Number) r.get("hospitals")).intValue());
        }
        return out;
    }

    public Optional<Hospital> hospital(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(CatalogueRepository::hospital);
    }

    /** Active packages of a hospital, with their items. */
    public List<CheckupPackage> packages(String hospitalId) {
        return withItems(mapper.activePackages(hospitalId, null));
    }

    public Optional<CheckupPackage> activePackage(String packageId) {
        return withItems(mapper.activePackages(null, packageId)).stream().findFirst();
    }

    /** Items of packages, in package order: (package id → list of item rows). */
    public Map<String, List<ExamItem>> items(List<String> packageIds) {
        Map<String, List<ExamItem>> out = new LinkedHashMap<>();
        if (packageIds.isEmpty()) {
            return out;
        }
        for (PackageItemRow r : mapper.items(packageIds)) {
            out.computeIfAbsent(r.packageId, k -> new ArrayList<>()).add(new ExamItem(r.id, r.name, r.resource));
        }
        return out;
    }

    private List<CheckupPackage> withItems(List<PackageRow> rows) {
        Map<String, List<ExamItem>> items = items(rows.stream().map(r -> r.id).toList());
        List<CheckupPackage> out = new ArrayList<>();
        for (PackageRow r : rows) {
            List<String> used = items.getOrDefault(r.id, List.of()).stream().map(ExamItem::resource).toList();
            out.add(new CheckupPackage(r.id, r.hospitalId, r.name, r.priceCents, r.gender, r.minAge, r.maxAge, r.active,
                    Resources.limited(used)));
        }
        return out;
    }

    public void saveHospital(Hospital h) {
        HospitalRow r = new HospitalRow();
        r.id = h.id();
        r.name = h.name();
        r.city = h.city();
        r.timezone = h.zone().getId();
        r.connector = h.connector();
        mapper.upsertHospital(r);
    }

    public void saveItem(ExamItem item) {
        mapper.upsertItem(item.id(), item.name(), item.resource());
    }

    /** Creates or updates a package and sets its items. */
    public void savePackage(CheckupPackage p, List<String> itemIds) {
        PackageRow r = new PackageRow();
        r.id = p.id();
        r.hospitalId = p.hospitalId();
        r.name = p.name();
        r.priceCents = p.priceCents();
        r.gender = p.gender();
        r.minAge = p.minAge();
        r.maxAge = p.maxAge();
        r.active = p.active();
        mapper.upsertPackage(r);
        mapper.clearItems(p.id());
        if (!itemIds.isEmpty()) {
            mapper.addItems(p.id(), itemIds);
        }
    }

    private static Hospital hospital(HospitalRow r) {
        return new Hospital(r.id, r.name, r.city, ZoneId.of(r.timezone), r.connector);
    }

    /** An examination and the resource it uses. */
    public record ExamItem(String id, String name, String resource) {
    }
}
