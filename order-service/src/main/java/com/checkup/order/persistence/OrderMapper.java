package com.checkup.order.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The orders table: by id through BaseMapper; everything else is SQL written here. */
@Mapper
public interface OrderMapper extends BaseMapper<OrderRow> {
    /** A booking has at most one order (unique booking_id). */
    @Select("SELECT * FROM orders WHERE booking_id = #{bookingId}")
    OrderRow selectByBooking(@Param("bookingId") String bookingId);

    /** Writes a new state only over the version it was read at; 0 when someone changed it meanwhile. */
    @Update("UPDATE orders SET status = #{status}, payment_id = #{paymentId}, close_reason = #{closeReason},"
            + " updated_at = #{updatedAt}, version = version + 1 WHERE id = #{id} AND version = #{version}")
    int updateState(@Param("id") String id, @Param("version") long version, @Param("status") String status,
                    @Param("paymentId") String paymentId, @Param("closeReason") String closeReason,
                    @Param("updatedAt") LocalDateTime updatedAt);
}
