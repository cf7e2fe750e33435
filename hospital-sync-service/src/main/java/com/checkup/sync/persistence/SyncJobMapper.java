package com.checkup.sync.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface SyncJobMapper extends BaseMapper<SyncJobRow> {
    @Insert("INSERT INTO sync_job (id, job_key, booking_id, hospital_id, action, status, attempts, next_attempt_at,"
            + " created_at, updated_at) VALUES (#{id}, #{jobKey}, #{bookingId}, #{hospitalId}, #{action}, 'PENDING', 0,"
            + " #{nextAttemptAt}, #{createdAt}, #{createdAt})")
    void add(SyncJobRow row);

    /**
     * Due jobs of the hospitals this copy serves, each the oldest unfinished one of its booking (a cancel never
     * overtakes the push before it; a booking's jobs are all of one hospital), not held by a live claim. {@code only}:
     * a tier copy's hospitals (on idx_sync_job_hospital_due, one range per hospital); {@code except}: the hospitals the
     * default copy leaves to the tiers (null or empty: none).
     */
    @Select("<script>SELECT j.id FROM sync_job j WHERE j.status = 'PENDING' AND j.next_attempt_at &lt;= #{now}"
            + HospitalScope.SQL_J
            + " AND NOT EXISTS (SELECT 1 FROM sync_job e WHERE e.booking_id = j.booking_id AND e.status = 'PENDING'"
            + " AND (e.created_at &lt; j.created_at OR (e.created_at = j.created_at AND e.id &lt; j.id)))"
            + " ORDER BY j.next_attempt_at LIMIT #{limit}</script>")
    List<String> due(@Param("now") LocalDateTime now, @Param("limit") int limit, @Param("only") Collection<String> only,
                     @Param("except") Collection<String> except);

    /** Claims those of {@code ids} still due for a lease (their next attempt moves to the lease's end, so nobody else takes them meanwhile). */
    @Update("<script>UPDATE sync_job SET claim_token = #{token}, next_attempt_at = #{leaseEnd} WHERE id IN"
            + " <foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach>"
            + " AND status = 'PENDING' AND next_attempt_at &lt;= #{now}</script>")
    int claim(@Param("ids") List<String> ids, @Param("token") String token, @Param("now") LocalDateTime now,
              @Param("leaseEnd") LocalDateTime leaseEnd);

    @Select("<script>SELECT * FROM sync_job WHERE id IN"
            + " <foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach>"
            + " AND claim_token = #{token}</script>")
    List<SyncJobRow> claimed(@Param("ids") List<String> ids, @Param("token") String token);

    /** Writes the outcome of a try, only while the claim is still ours. */
    @Update("UPDATE sync_job SET status = #{status}, attempts = #{attempts}, next_attempt_at = #{nextAttemptAt},"
            + " last_error = #{lastError}, task_id = #{taskId}, claim_token = NULL, updated_at = #{now}"
            + " WHERE id = #{id} AND claim_token = #{token}")
    int finish(@Param("id") String id, @Param("token") String token, @Param("status") String status,
               @Param("attempts") int attempts, @Param("nextAttemptAt") LocalDateTime nextAttemptAt,
               @Param("lastError") String lastError, @Param("taskId") String taskId, @Param("now") LocalDateTime now);

    @Select("SELECT COUNT(*) FROM sync_job WHERE booking_id = #{bookingId} AND action = 'PUSH'")
    int pushes(String bookingId);

    /** Per hospital and status: how many jobs, and the newest error. */
    @Select("SELECT hospital_id AS hospitalId, status, COUNT(*) AS jobs,"
            + " (SELECT last_error FROM sync_job x WHERE x.hospital_id = s.hospital_id AND x.last_error IS NOT NULL"
            + "  ORDER BY x.updated_at DESC LIMIT 1) AS lastError"
            + " FROM sync_job s GROUP BY hospital_id, status")
    List<Map<String, Object>> counts();
}
