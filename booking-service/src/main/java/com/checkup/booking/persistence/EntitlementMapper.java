package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.checkup.booking.persistence.EntitlementRepository.Attendance;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** entitlement: rosters are written many rows per statement; codes are looked up and locked one at a time. */
@Mapper
public interface EntitlementMapper extends BaseMapper<EntitlementRow> {
    @Select("SELECT employee_no AS employeeNo, row_hash AS rowHash FROM entitlement WHERE campaign_id = #{campaignId}")
    List<Map<String, String>> rowHashes(@Param("campaignId") String campaignId);

    /** New entitlements in one multi-row statement (a roster is written a few hundred rows at a time). */
    @Insert("<script>INSERT INTO entitlement (id, campaign_id, employee_no, code, name, gender, birth_date, id_number_enc,"
            + " phone_enc, package_id, row_hash, created_at, updated_at) VALUES <foreach collection='rows' item='r' separator=','>"
            + "(#{r.id}, #{r.campaignId}, #{r.employeeNo}, #{r.code}, #{r.name}, #{r.gender}, #{r.birthDate}, #{r.idNumberEnc},"
            + " #{r.phoneEnc}, #{r.packageId}, #{r.rowHash}, #{r.createdAt}, #{r.updatedAt})</foreach></script>")
    int insertAll(@Param("rows") List<EntitlementRow> rows);

    /**
     * Known employees' new data in one statement (each column set by employee number); their code, and any booking
     * made, stay as they are.
     */
    @Update("<script>UPDATE entitlement SET "
            + "name = CASE employee_no <foreach collection='rows' item='r'>WHEN #{r.employeeNo} THEN #{r.name} </foreach>END,"
            + " gender = CASE employee_no <foreach collection='rows' item='r'>WHEN #{r.employeeNo} THEN #{r.gender} </foreach>END,"
            + " birth_date = CASE employee_no <foreach collection='rows' item='r'>WHEN #{r.employeeNo} THEN #{r.birthDate} </foreach>END,"
            + " id_number_enc = CASE employee_no <foreach collection='rows' item='r'>WHEN #{r.employeeNo} THEN #{r.idNumberEnc} </foreach>END,"
            + " phone_enc = CASE employee_no <foreach collection='rows' item='r'>WHEN #{r.employeeNo} THEN #{r.phoneEnc} </foreach>END,"
            + " package_id = CASE employee_no <foreach collection='rows' item='r'>WHEN #{r.employeeNo} THEN #{r.packageId} </foreach>END,"
            + " row_hash = CASE employee_no <foreach collection='rows' item='r'>WHEN #{r.employeeNo} THEN #{r.rowHash} </foreach>END, updated_at = #{now}"
            + " WHERE campaign_id = #{campaignId} AND employee_no IN"
            + " <foreach collection='rows' item='r' open='(' separator=',' close=')'>#{r.employeeNo}</foreach></script>")
    int updateAll(@Param("campaignId") String campaignId, @Param("rows") List<EntitlementRow> rows,
                  @Param("now") LocalDateTime now);

    @Select("SELECT * FROM entitlement WHERE code = #{code}")
    EntitlementRow byCode(@Param("code") String code);

    /** Locks the entitlement for a booking attempt (two attempts with one code run one after the other). */
    @Select("SELECT * FROM entitlement WHERE id = #{id} FOR UPDATE")
    EntitlementRow lock(@Param("id") String id);

    @Update("UPDATE entitlement SET consumer_id = #{consumerId}, booking_id = #{bookingId}, updated_at = #{now} WHERE id = #{id}")
    int booked(@Param("id") String id, @Param("consumerId") String consumerId, @Param("bookingId") String bookingId,
               @Param("now") LocalDateTime now);

    @Select("SELECT campaign_id FROM entitlement WHERE booking_id = #{bookingId} LIMIT 1")
    String campaignOfBooking(@Param("bookingId") String bookingId);

    @Update("UPDATE entitlement SET booking_id = NULL, updated_at = #{now} WHERE booking_id = #{bookingId}")
    int freeBooking(@Param("bookingId") String bookingId, @Param("now") LocalDateTime now);

    /** Columns in the order of {@link Attendance}'s components (MyBatis fills the record by position). */
    @Select("SELECT e.employee_no, e.name, e.package_id, b.status, b.slot_date, b.period FROM entitlement e"
            + " LEFT JOIN booking b ON b.id = e.booking_id WHERE e.campaign_id = #{campaignId} ORDER BY e.employee_no")
    List<Attendance> attendance(@Param("campaignId") String campaignId);

    @Select("SELECT COUNT(*) FROM entitlement WHERE campaign_id = #{campaignId}")
    int employees(@Param("campaignId") String campaignId);

    /** The encrypted phone of a company's employee, from the roster row changed last (any of the company's campaigns). */
    @Select("SELECT e.phone_enc FROM entitlement e JOIN campaign c ON c.id = e.campaign_id"
            + " WHERE c.company_id = #{companyId} AND e.employee_no = #{employeeNo} ORDER BY e.updated_at DESC LIMIT 1")
    String phoneOfEmployee(@Param("companyId") String companyId, @Param("employeeNo") String employeeNo);
}
