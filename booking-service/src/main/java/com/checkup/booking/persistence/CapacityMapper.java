package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * capacity_slot: reads, totals and campaign shares. Places themselves are taken and given back on the hold path by
 * CapacityCalendar's plain-JDBC conditional updates (see BookingRepository for why).
 */
@Mapper
public interface CapacityMapper extends BaseMapper<CapacityRow> {
    String SLOT = "hospital_id = #{hospitalId} AND slot_date = #{day} AND period = #{period}";
    String ROWS = " AND resource IN <foreach collection='rows' item='r' open='(' separator=',' close=')'>#{r}</foreach>";

    @Select("<script>SELECT * FROM capacity_slot WHERE hospital_id = #{hospitalId} AND slot_date BETWEEN #{from} AND #{to}"
            + ROWS + "</script>")
    List<CapacityRow> read(@Param("hospitalId") String hospitalId, @Param("from") LocalDate from, @Param("to") LocalDate to,
                           @Param("rows") List<String> rows);

    @Select("SELECT * FROM capacity_slot WHERE hospital_id = #{hospitalId} AND slot_date = #{day} ORDER BY period, resource")
    List<CapacityRow> day(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day);

    /** Sets a row's total unless more is booked than the new total; 1 when set. */
    @Update("UPDATE capacity_slot SET total = #{total} WHERE " + SLOT + " AND resource = #{resource} AND used <= #{total}")
    int setTotalIfFits(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
                       @Param("resource") String resource, @Param("total") int total);

    @Update("UPDATE capacity_slot SET total = #{total} WHERE " + SLOT + " AND resource = #{resource}")
    int setTotal(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
                 @Param("resource") String resource, @Param("total") int total);

    /** The row, locked for the rest of the transaction (null: no row). */
    @Select("SELECT * FROM capacity_slot WHERE " + SLOT + " AND resource = #{resource} FOR UPDATE")
    CapacityRow lock(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
                     @Param("resource") String resource);

    /** Opens a row with a total; {@code ignore}: keep an existing row as it is. */
    @Insert("<script>INSERT <if test='ignore'>IGNORE</if> INTO capacity_slot (hospital_id, slot_date, period, resource, total, used)"
            + " VALUES (#{hospitalId}, #{day}, #{period}, #{resource}, #{total}, 0)</script>")
    int open(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
             @Param("resource") String resource, @Param("total") int total, @Param("ignore") boolean ignore);

    // ------------------------------------------------------------------ campaign shares

    @Select("SELECT * FROM capacity_slot WHERE resource = #{resource} AND total > used")
    List<CapacityRow> unused(@Param("resource") String shareResource);

    /** What the company's other open campaigns set aside in this slot (read under the slot's TOTAL lock). */
    @Select("SELECT COALESCE(SUM(s.total), 0) FROM capacity_slot s JOIN campaign c ON s.resource = CONCAT('SHARE:', c.id)"
            + " WHERE s.hospital_id = #{hospitalId} AND s.slot_date = #{day} AND s.period = #{period}"
            + " AND c.company_id = #{companyId} AND c.status = 'OPEN'")
    int companyShare(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
                     @Param("companyId") String companyId);

    @Update("UPDATE capacity_slot SET used = used + #{n} WHERE " + SLOT + " AND resource = 'TOTAL'")
    int useTotal(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
                 @Param("n") int n);

    /** Share rows whose day is within their campaign's cut-off (or whose campaign was cancelled) with unused places. */
    @Select("SELECT s.* FROM capacity_slot s JOIN campaign c ON s.resource = CONCAT('SHARE:', c.id) WHERE s.total > s.used"
            + " AND (s.slot_date <= DATE_ADD(#{today}, INTERVAL c.share_cutoff_days DAY) OR c.status = 'CANCELLED') LIMIT 500")
    List<CapacityRow> sharesToRelease(@Param("today") LocalDate today);

    /** Takes a share's unused places off it (its total down to what is used); the caller gives them to TOTAL. */
    @Update("UPDATE capacity_slot SET total = total - #{n} WHERE " + SLOT + " AND resource = #{resource}")
    int shrink(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
               @Param("resource") String resource, @Param("n") int n);

    @Update("UPDATE capacity_slot SET used = GREATEST(0, used - #{n}) WHERE " + SLOT + " AND resource = 'TOTAL'")
    int freeTotal(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
                  @Param("n") int n);

    @Select("SELECT COUNT(*) FROM capacity_slot WHERE " + SLOT + " AND resource = #{resource}")
    int count(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("period") String period,
              @Param("resource") String resource);
}
