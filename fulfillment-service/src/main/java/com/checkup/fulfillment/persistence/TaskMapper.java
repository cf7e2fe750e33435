package com.checkup.fulfillment.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface TaskMapper extends BaseMapper<TaskRow> {
    @Insert("INSERT INTO fulfillment_task (id, task_key, hospital_id, booking_id, kind, reason, status, created_at, updated_at, version)"
            + " VALUES (#{id}, #{taskKey}, #{hospitalId}, #{bookingId}, #{kind}, #{reason}, #{status}, #{createdAt}, #{updatedAt}, 0)")
    void add(TaskRow row);


    @Select("SELECT * FROM fulfillment_task WHERE task_key = #{key}")
    TaskRow findByKey(String key);

    /** Optimistic: changes the row only if nobody changed it since it was read. */
    @Update("UPDATE fulfillment_task SET status = #{status}, claimed_by = #{claimedBy}, outcome = #{outcome}, note = #{note},"
            + " updated_at = #{updatedAt}, version = version + 1 WHERE id = #{id} AND version = #{version}")
    int update(TaskRow row);

    /**
     * Keyset page, newest first: rows strictly after (afterAt, afterId) in (created_at DESC, id DESC) order. The bound
     * is spelt {@code created_at <= t AND (created_at < t OR id < i)} rather than as a row value {@code (created_at, id) < (t, i)},
     * which not every MySQL/MariaDB version turns into an index range; the plain {@code created_at <= t} always is one.
     */
    @Select("<script>SELECT * FROM fulfillment_task WHERE status IN"
            + " <foreach item='s' collection='statuses' open='(' separator=',' close=')'>#{s}</foreach>"
            + " <if test='hospital != null'>AND hospital_id = #{hospital}</if>"
            + " <if test='kind != null'>AND kind = #{kind}</if>"
            + " <if test='booking != null'>AND booking_id = #{booking}</if>"
            + " <if test='afterAt != null'>AND created_at &lt;= #{afterAt} AND (created_at &lt; #{afterAt} OR id &lt; #{afterId})</if>"
            + " ORDER BY created_at DESC, id DESC LIMIT #{limit}</script>")
    List<TaskRow> page(@Param("hospital") String hospital, @Param("statuses") List<String> statuses, @Param("kind") String kind,
                       @Param("booking") String booking, @Param("afterAt") LocalDateTime afterAt,
                       @Param("afterId") String afterId, @Param("limit") int limit);

    @Insert("INSERT INTO fulfillment_task_audit (task_id, at, actor, action, detail) VALUES (#{taskId}, #{at}, #{actor}, #{action}, #{detail})")
    void audit(TaskAuditRow row);

    @Select("<script>SELECT * FROM fulfillment_task_audit WHERE task_id IN"
            + " <foreach item='t' collection='ids' open='(' separator=',' close=')'>#{t}</foreach> ORDER BY id</script>")
    List<TaskAuditRow> history(@Param("ids") List<String> taskIds);
}
