package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface BookingMapper extends BaseMapper<BookingRow> {
    /** Static SQL on the hold path (every hold asks it first): no query wrapper built per call. */
    @Select("SELECT * FROM booking WHERE consumer_id = #{consumerId} AND idempotency_key = #{key}")
    BookingRow selectByIdempotencyKey(@Param("consumerId") String consumerId, @Param("key") String key);
}
