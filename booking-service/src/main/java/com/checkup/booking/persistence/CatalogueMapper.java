package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Hospitals, packages and exam items: read-mostly reference data (a hospital by id through BaseMapper). */
@Mapper
public interface CatalogueMapper extends BaseMapper<HospitalRow> {
    @Select("SELECT * FROM hospital ORDER BY id")
    List<HospitalRow> hospitals();

    /**
     * Up to {@code n} hospitals after {@code afterId} (null: from the first) by id, of one city when {@code city} is not
     * null: a range read on the primary key, or on {@code idx_hospital_city (city, id)} with a city.
     */
    @Select("<script>SELECT * FROM hospital <where><if test='city != null'>city = #{city}</if>"
            + "<if test='afterId != null'> AND id &gt; #{afterId}</if></where> ORDER BY id LIMIT #{n}</script>")
    List<HospitalRow> page(@Param("city") String city, @Param("afterId") String afterId, @Param("n") int n);

    /** City → number of hospitals, by name (read from the city index alone). */
    @Select("SELECT city, COUNT(*) AS hospitals FROM hospital GROUP BY city ORDER BY city")
    List<Map<String, Object>> cities();

    @Select("<script>SELECT * FROM checkup_package WHERE active = 1"
            + "<if test='hospitalId != null'> AND hospital_id = #{hospitalId}</if>"
            + "<if test='packageId != null'> AND id = #{packageId}</if> ORDER BY id</script>")
    List<PackageRow> activePackages(@Param("hospitalId") String hospitalId, @Param("packageId") String packageId);

    @Select("<script>SELECT pi.package_id, i.id, i.name, i.resource FROM package_item pi JOIN exam_item i ON i.id = pi.item_id"
            + " WHERE pi.package_id IN <foreach collection='packageIds' item='p' open='(' separator=',' close=')'>#{p}</foreach>"
            + " ORDER BY pi.package_id, i.id</script>")
    List<PackageItemRow> items(@Param("packageIds") List<String> packageIds);

    @Insert("INSERT INTO hospital (id, name, city, timezone, connector) VALUES (#{id}, #{name}, #{city}, #{timezone}, #{connector})"
            + " ON DUPLICATE KEY UPDATE name = VALUES(name), city = VALUES(city), timezone = VALUES(timezone),"
            + " connector = VALUES(connector)")
    void upsertHospital(HospitalRow row);

    @Insert("INSERT INTO exam_item (id, name, resource) VALUES (#{id}, #{name}, #{resource})"
            + " ON DUPLICATE KEY UPDATE name = VALUES(name), resource = VALUES(resource)")
    void upsertItem(@Param("id") String id, @Param("name") String name, @Param("resource") String resource);

    @Insert("INSERT INTO checkup_package (id, hospital_id, name, price_cents, gender, min_age, max_age, active)"
            + " VALUES (#{id}, #{hospitalId}, #{name}, #{priceCents}, #{gender}, #{minAge}, #{maxAge}, #{active})"
            + " ON DUPLICATE KEY UPDATE name = VALUES(name), price_cents = VALUES(price_cents), gender = VALUES(gender),"
            + " min_age = VALUES(min_age), max_age = VALUES(max_age), active = VALUES(active)")
    void upsertPackage(PackageRow row);

    @Delete("DELETE FROM package_item WHERE package_id = #{packageId}")
    void clearItems(@Param("packageId") String packageId);

    @Insert("<script>INSERT INTO package_item (package_id, item_id) VALUES"
            + " <foreach collection='itemIds' item='i' separator=','>(#{packageId}, #{i})</foreach></script>")
    void addItems(@Param("packageId") String packageId, @Param("itemIds") List<String> itemIds);
}
