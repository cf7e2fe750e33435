package com.checkup.message.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface InboxMapper extends BaseMapper<InboxRow> {
    /** 1 if recorded, 0 when the source has a notice already. */
    @Insert("INSERT IGNORE INTO inbox_notice (id, user_id, source_key, kind, booking_id, hospital_id, params, state, due_at, recorded_at)"
            + " VALUES (#{id}, #{userId}, #{sourceKey}, #{kind}, #{bookingId}, #{hospitalId}, #{params}, 'SCHEDULED', #{dueAt}, #{recordedAt})")
    int insertOnce(InboxRow row);

    /** Step 1 of showing: the notice leaves SCHEDULED (its row stays locked to the commit); 0 if it already had. */
    @Update("UPDATE inbox_notice SET state = 'SHOWN', created_at = #{at} WHERE id = #{id} AND state = 'SCHEDULED'")
    int markShown(@Param("id") String id, @Param("at") LocalDateTime at);

    /** Step 2: the user's next number (the user's row is locked until the commit). */
    @Insert("INSERT INTO inbox_user (user_id, last_seq, updated_at) VALUES (#{user}, 1, NOW(3))"
            + " ON DUPLICATE KEY UPDATE last_seq = last_seq + 1, updated_at = NOW(3)")
    int nextSeq(@Param("user") String user);

    @Select("SELECT last_seq FROM inbox_user WHERE user_id = #{user}")
    Long lastSeq(@Param("user") String user);

    /** Step 3: the notice gets the number. */
    @Update("UPDATE inbox_notice SET seq = #{seq} WHERE id = #{id}")
    int number(@Param("id") String id, @Param("seq") long seq);

    /** Shown notices above a number, ascending (on uk_inbox_user_seq). */
    @Select("SELECT * FROM inbox_notice WHERE user_id = #{user} AND seq > #{after} ORDER BY seq LIMIT #{limit}")
    List<InboxRow> after(@Param("user") String user, @Param("after") long after, @Param("limit") int limit);

    /** The latest shown notices, newest first (on uk_inbox_user_seq). */
    @Select("SELECT * FROM inbox_notice WHERE user_id = #{user} AND seq IS NOT NULL ORDER BY seq DESC LIMIT #{limit}")
    List<InboxRow> latest(@Param("user") String user, @Param("limit") int limit);

    /** Users numbered within the last seconds (database clock; on idx_inbox_user_updated). */
    @Select("SELECT user_id, last_seq FROM inbox_user WHERE updated_at >= NOW(3) - INTERVAL #{seconds} SECOND")
    List<Map<String, Object>> changedWithin(@Param("seconds") int seconds);

    @Update("UPDATE inbox_notice SET state = 'CALLED_OFF' WHERE booking_id = #{bookingId} AND state = 'SCHEDULED'")
    int callOff(@Param("bookingId") String bookingId);

    @Select("SELECT id, user_id, due_at FROM inbox_notice WHERE state = 'SCHEDULED' AND due_at <= #{now} ORDER BY due_at LIMIT #{limit}")
    List<InboxRow> due(@Param("now") LocalDateTime now, @Param("limit") int limit);

    @Update("UPDATE inbox_notice SET state = 'EXPIRED' WHERE id = #{id} AND state = 'SCHEDULED'")
    int expire(@Param("id") String id);

    /** The latest recorded booking notice (confirmed, or a reminder: a move records a new one) of a user's booking. */
    @Select("SELECT params FROM inbox_notice WHERE booking_id = #{bookingId} AND user_id = #{user}"
            + " AND kind IN ('BOOKING_CONFIRMED', 'EXAM_REMINDER') ORDER BY recorded_at DESC LIMIT 1")
    String bookingParams(@Param("user") String user, @Param("bookingId") String bookingId);
}
