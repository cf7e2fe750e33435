package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The booking table: by id through BaseMapper; every other statement is written here but the hold path's two (BookingRepository). */
@Mapper
public interface BookingMapper extends BaseMapper<BookingRow> {
    /** Static SQL on the hold path (every hold asks it first): no query wrapper built per call. */
    @Select("SELECT * FROM booking WHERE consumer_id = #{consumerId} AND idempotency_key = #{key}")
    BookingRow selectByIdempotencyKey(@Param("consumerId") String consumerId, @Param("key") String key);

    @Select("SELECT * FROM booking WHERE consumer_id = #{consumerId} ORDER BY created_at DESC LIMIT #{limit}")
    List<BookingRow> ofConsumer(@Param("consumerId") String consumerId, @Param("limit") int limit);

    @Select("SELECT id FROM booking WHERE status = 'HELD' AND hold_expires_at < #{before} ORDER BY hold_expires_at LIMIT #{limit}")
    List<String> overdueHolds(@Param("before") LocalDateTime before, @Param("limit") int limit);

    @Select("<script>SELECT * FROM booking WHERE hospital_id = #{hospitalId} AND slot_date = #{day} AND status IN"
            + " <foreach collection='states' item='s' open='(' separator=',' close=')'>#{s}</foreach>"
            + " ORDER BY period, examinee_name LIMIT #{limit}</script>")
    List<BookingRow> onDay(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day,
                           @Param("states") List<String> states, @Param("limit") int limit);

    @Select("SELECT id FROM booking WHERE hospital_id = #{hospitalId} AND status = 'CONFIRMED' AND slot_date < #{day}"
            + " LIMIT #{limit}")
    List<String> confirmedBefore(@Param("hospitalId") String hospitalId, @Param("day") LocalDate day, @Param("limit") int limit);

    /** Writes a new state only over the version it was read at; 0 when someone changed it meanwhile. */
    @Update("UPDATE booking SET status = #{status}, order_id = #{orderId,jdbcType=VARCHAR}, slot_date = #{slotDate},"
            + " period = #{period}, hold_expires_at = #{holdExpiresAt,jdbcType=TIMESTAMP},"
            + " cancel_reason = #{cancelReason,jdbcType=VARCHAR}, updated_at = #{updatedAt}, version = version + 1"
            + " WHERE id = #{id} AND version = #{version}")
    int updateState(@Param("id") String id, @Param("version") long version, @Param("status") String status,
                    @Param("orderId") String orderId, @Param("slotDate") LocalDate slotDate, @Param("period") String period,
                    @Param("holdExpiresAt") LocalDateTime holdExpiresAt, @Param("cancelReason") String cancelReason,
                    @Param("updatedAt") LocalDateTime updatedAt);
}
