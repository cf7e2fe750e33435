package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface BookingMapper extends BaseMapper<BookingRow> {
    /** Static SQL on the hold path (every hold asks it first): no query wrapper built per call. */
    @Select("SELECT * FROM booking WHERE consumer_id = #{consumerId} AND idempotency_key = #{key}")
    BookingRow selectByIdempotencyKey(@Param("consumerId") String consumerId, @Param("key") String key);

    /** Static SQL on the hold path (the generic insert evaluates a condition per column on every call). */
    @Insert("INSERT INTO booking (id, consumer_id, idempotency_key, request_fingerprint, hospital_id, package_id, slot_date,"
            + " period, resources, amount_cents, status, order_id, hold_expires_at, examinee_name, examinee_gender,"
            + " examinee_birth_date, id_number_enc, phone_enc, cancel_reason, version, created_at, updated_at) VALUES"
            + " (#{id}, #{consumerId}, #{idempotencyKey}, #{requestFingerprint}, #{hospitalId}, #{packageId}, #{slotDate},"
            + " #{period}, #{resources}, #{amountCents}, #{status}, #{orderId,jdbcType=VARCHAR},"
            + " #{holdExpiresAt,jdbcType=TIMESTAMP}, #{examineeName}, #{examineeGender}, #{examineeBirthDate}, #{idNumberEnc},"
            + " #{phoneEnc}, #{cancelReason,jdbcType=VARCHAR}, #{version}, #{createdAt}, #{updatedAt})")
    int insertBooking(BookingRow row);
}
