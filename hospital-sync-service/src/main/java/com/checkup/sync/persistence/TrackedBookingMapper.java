package com.checkup.sync.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface TrackedBookingMapper extends BaseMapper<TrackedBookingRow> {
    /**
     * Starts tracking, or follows a reschedule (new date) or a booking pushed again after a cancel: then its first pull
     * is set again and any claim on it dropped (a pull holding it then writes nothing; what it saw is seen again on the
     * next pull, and every effect is idempotent). Assignments run left to right (MySQL and MariaDB alike): the next
     * pull and the claim are decided on the row's old date and state.
     */
    @Insert("INSERT INTO tracked_booking (booking_id, hospital_id, exam_date, hospital_state, next_pull_at, updated_at)"
            + " VALUES (#{bookingId}, #{hospitalId}, #{examDate}, 'BOOKED', #{firstPull}, #{now})"
            + " ON DUPLICATE KEY UPDATE"
            + " claim_token = IF(exam_date <> VALUES(exam_date) OR hospital_state = 'CANCELLED', NULL, claim_token),"
            + " next_pull_at = IF(exam_date <> VALUES(exam_date) OR hospital_state = 'CANCELLED', VALUES(next_pull_at),"
            + " next_pull_at),"
            + " hospital_id = VALUES(hospital_id), exam_date = VALUES(exam_date),"
            + " hospital_state = IF(hospital_state = 'CANCELLED', 'BOOKED', hospital_state), updated_at = VALUES(updated_at)")
    void track(@Param("bookingId") String bookingId, @Param("hospitalId") String hospitalId,
               @Param("examDate") LocalDate examDate, @Param("firstPull") LocalDateTime firstPull,
               @Param("now") LocalDateTime now);

    /** Cancelled here: no more pulls, and any claim on it dropped (a pull holding it now writes nothing). */
    @Update("UPDATE tracked_booking SET hospital_state = 'CANCELLED', next_pull_at = NULL, claim_token = NULL,"
            + " updated_at = #{now} WHERE booking_id = #{bookingId}")
    void cancelled(@Param("bookingId") String bookingId, @Param("now") LocalDateTime now);

    /**
     * Due bookings still in progress whose exam day has come (up to {@code until}) and is not long past, of the hospitals
     * this copy serves ({@code only} / {@code except} as for sync jobs; a tier copy's on idx_tracked_hospital_due).
     */
    @Select("<script>SELECT booking_id FROM tracked_booking WHERE next_pull_at &lt;= #{now}"
            + " AND hospital_state NOT IN ('REPORT_READY', 'CANCELLED')"
            + " AND exam_date &lt;= #{until} AND exam_date &gt;= #{since}"
            + HospitalScope.SQL
            + " ORDER BY next_pull_at LIMIT #{limit}</script>")
    List<String> due(@Param("now") LocalDateTime now, @Param("until") LocalDate until, @Param("since") LocalDate since,
                     @Param("limit") int limit, @Param("only") Collection<String> only,
                     @Param("except") Collection<String> except);

    /** Takes those of {@code ids} still due for a lease (their next pull moves to the lease's end, so no one else pulls them meanwhile). */
    @Update("<script>UPDATE tracked_booking SET next_pull_at = #{leaseEnd}, claim_token = #{token} WHERE booking_id IN"
            + " <foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach>"
            + " AND next_pull_at &lt;= #{now}</script>")
    int claim(@Param("ids") List<String> ids, @Param("token") String token, @Param("now") LocalDateTime now,
              @Param("leaseEnd") LocalDateTime leaseEnd);

    @Select("<script>SELECT * FROM tracked_booking WHERE booking_id IN"
            + " <foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach>"
            + " AND claim_token = #{token}</script>")
    List<TrackedBookingRow> claimed(@Param("ids") List<String> ids, @Param("token") String token);

    /**
     * Writes a pull's outcome while the claim is still ours; a cancel recorded meanwhile wins. A booking done (as the
     * state just written says) is not pulled again: no next pull ({@code nextPullAt} is null too once followed long
     * enough).
     */
    @Update("UPDATE tracked_booking SET hospital_state = IF(hospital_state = 'CANCELLED', 'CANCELLED', #{state}),"
            + " next_pull_at = IF(hospital_state IN ('REPORT_READY', 'CANCELLED'), NULL, #{nextPullAt}), last_error = #{lastError}, claim_token = NULL, updated_at = #{now}"
            + " WHERE booking_id = #{bookingId} AND claim_token = #{token}")
    int save(@Param("bookingId") String bookingId, @Param("token") String token, @Param("state") String state,
             @Param("nextPullAt") LocalDateTime nextPullAt, @Param("lastError") String lastError,
             @Param("now") LocalDateTime now);
}
