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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Hospitals, packages and exam items (read-mostly reference data; plain SQL joins). */
@Repository
public class CatalogueRepository {
    private final JdbcTemplate jdbc;

    public CatalogueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Hospital> hospitals() {
        return jdbc.query("SELECT id, name, city, timezone, connector FROM hospital ORDER BY id",
                (rs, i) -> new Hospital(rs.getString(1), rs.getString(2), rs.getString(3), ZoneId.of(rs.getString(4)),
                        rs.getString(5)));
    }

    /**
     * Up to {@code n} hospitals after {@code afterId} (null: from the first) by id, of one city when {@code city} is not
     * null: a range read on the primary key, or on {@code idx_hospital_city (city, id)} with a city.
     */
    public List<Hospital> hospitals(String city, String afterId, int n) {
        StringBuilder sql = new StringBuilder("SELECT id, name, city, timezone, connector FROM hospital WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (city != null) {
            sql.append(" AND city = ?");
            args.add(city);
        }
        if (afterId != null) {
            sql.append(" AND id > ?");
            args.add(afterId);
        }
        sql.append(" ORDER BY id LIMIT ?");
        args.add(n);
        return jdbc.query(sql.toString(), (rs, i) -> new Hospital(rs.getString(1), rs.getString(2), rs.getString(3),
                ZoneId.of(rs.getString(4)), rs.getString(5)), args.toArray());
    }

    /** Cities by name with their number of hospitals (read from the city index alone). */
    public Map<String, Integer> cities() {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.query("SELECT city, COUNT(*) FROM hospital GROUP BY city ORDER BY city", rs -> {
            out.put(rs.getString(1), rs.getInt(2));
        });
        return out;
    }

    public Optional<Hospital> hospital(String id) {
        return jdbc.query("SELECT id, name, city, timezone, connector FROM hospital WHERE id = ?",
                (rs, i) -> new Hospital(rs.getString(1), rs.getString(2), rs.getString(3), ZoneId.of(rs.getString(4)),
                        rs.getString(5)), id).stream().findFirst();
    }

    /** Active packages of a hospital, with their items. */
    public List<CheckupPackage> packages(String hospitalId) {
        return load("p.hospital_id = ? AND p.active = 1", hospitalId);
    }

    public Optional<CheckupPackage> activePackage(String packageId) {
        return load("p.id = ? AND p.active = 1", packageId).stream().findFirst();
    }

    /** Items of packages, in package order: (package id → list of item rows). */
    public Map<String, List<ExamItem>> items(List<String> packageIds) {
        Map<String, List<ExamItem>> out = new LinkedHashMap<>();
        if (packageIds.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT pi.package_id, i.id, i.name, i.resource FROM package_item pi JOIN exam_item i ON i.id = pi.item_id"
                        + " WHERE pi.package_id IN (" + String.join(",", java.util.Collections.nCopies(packageIds.size(), "?"))
                        + ") ORDER BY pi.package_id, i.id",
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new ExamItem(rs.getString(2), rs.getString(3), rs.getString(4)));
                }, packageIds.toArray());
        return out;
    }

    private List<CheckupPackage> load(String where, Object arg) {
        List<Object[]> rows = jdbc.query("SELECT p.id, p.hospital_id, p.name, p.price_cents, p.gender, p.min_age, p.max_age, p.active"
                        + " FROM checkup_package p WHERE " + where + " ORDER BY p.id",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getInt(6), rs.getInt(7), rs.getBoolean(8)}, arg);
        Map<String, List<ExamItem>> items = items(rows.stream().map(r -> (String) r[0]).toList());
        List<CheckupPackage> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<String> used = items.getOrDefault((String) r[0], List.of()).stream().map(ExamItem::resource).toList();
            out.add(new CheckupPackage((String) r[0], (String) r[1], (String) r[2], (Long) r[3], (String) r[4],
                    (Integer) r[5], (Integer) r[6], (Boolean) r[7], Resources.limited(used)));
        }
        return out;
    }

    public void saveHospital(Hospital h) {
        jdbc.update("INSERT INTO hospital (id, name, city, timezone, connector) VALUES (?, ?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE name = VALUES(name), city = VALUES(city), timezone = VALUES(timezone),"
                        + " connector = VALUES(connector)",
                h.id(), h.name(), h.city(), h.zone().getId(), h.connector());
    }

    public void saveItem(ExamItem item) {
        jdbc.update("INSERT INTO exam_item (id, name, resource) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE name = VALUES(name), resource = VALUES(resource)", item.id(), item.name(), item.resource());
    }

    /** Creates or updates a package and sets its items. */
    public void savePackage(CheckupPackage p, List<String> itemIds) {
        jdbc.update("INSERT INTO checkup_package (id, hospital_id, name, price_cents, gender, min_age, max_age, active)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name),"
                        + " price_cents = VALUES(price_cents), gender = VALUES(gender), min_age = VALUES(min_age),"
                        + " max_age = VALUES(max_age), active = VALUES(active)",
                p.id(), p.hospitalId(), p.name(), p.priceCents(), p.gender(), p.minAge(), p.maxAge(), p.active());
        jdbc.update("DELETE FROM package_item WHERE package_id = ?", p.id());
        for (String item : itemIds) {
            jdbc.update("INSERT INTO package_item (package_id, item_id) VALUES (?, ?)", p.id(), item);
        }
    }

    /** An examination and the resource it uses. */
    public record ExamItem(String id, String name, String resource) {
    }
}
