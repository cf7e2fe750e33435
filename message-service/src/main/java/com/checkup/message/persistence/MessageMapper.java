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
public interface MessageMapper extends BaseMapper<MessageRow> {
    /** Adds a message unless the same event, recipient and channel already has one (dedupe); 1 if added. */
    @Insert("INSERT IGNORE INTO message (id, event_id, event_type, kind, booking_id, hospital_id, recipient, channel, body, shown_body,"
            + " template_values, status, attempts, send_at, created_at, updated_at) VALUES (#{id}, #{eventId}, #{eventType}, #{kind},"
            + " #{bookingId}, #{hospitalId}, #{recipient}, #{channel}, #{body}, #{shownBody}, #{templateValues}, 'PENDING', 0, #{sendAt},"
            + " #{createdAt}, #{createdAt})")
    int insertOnce(MessageRow row);

    @Select("SELECT id FROM message WHERE status = 'PENDING' AND send_at <= #{now} ORDER BY send_at LIMIT #{limit}")
    List<String> due(@Param("now") LocalDateTime now, @Param("limit") int limit);

    /** Claims those of {@code ids} still due: a token, and due again only when the lease ends. */
    @Update("<script>UPDATE message SET claim_token = #{token}, send_at = #{leaseEnd} WHERE id IN"
            + " <foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach>"
            + " AND status = 'PENDING' AND send_at &lt;= #{now}</script>")
    int claim(@Param("ids") List<String> ids, @Param("token") String token, @Param("now") LocalDateTime now,
              @Param("leaseEnd") LocalDateTime leaseEnd);

    @Select("<script>SELECT * FROM message WHERE id IN"
            + " <foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach>"
            + " AND claim_token = #{token}</script>")
    List<MessageRow> claimed(@Param("ids") List<String> ids, @Param("token") String token);

    @Update("UPDATE message SET status = #{status}, attempts = #{attempts}, send_at = #{sendAt}, sent_at = #{sentAt},"
            + " last_error = #{lastError}, outcome = #{outcome}, provider = #{provider}, provider_code = #{providerCode},"
            + " provider_ref = #{providerRef}, claim_token = NULL, updated_at = #{now} WHERE id = #{id} AND claim_token = #{token}")
    int finish(@Param("id") String id, @Param("token") String token, @Param("status") String status,
               @Param("attempts") int attempts, @Param("sendAt") LocalDateTime sendAt, @Param("sentAt") LocalDateTime sentAt,
               @Param("lastError") String lastError, @Param("outcome") String outcome, @Param("provider") String provider,
               @Param("providerCode") String providerCode, @Param("providerRef") String providerRef, @Param("now") LocalDateTime now);

    @Update("UPDATE message SET status = 'PENDING', attempts = 0, send_at = #{now}, updated_at = #{now}"
            + " WHERE id = #{id} AND status = 'DEAD'")
    int replay(@Param("id") String id, @Param("now") LocalDateTime now);

    /**
     * Keyset page of a recipient's messages, newest first: rows strictly after (afterAt, afterId) in
     * (created_at DESC, id DESC) order, on idx_message_recipient. The bound is spelt
     * {@code created_at <= t AND (created_at < t OR id < i)} rather than as a row value, which not every MySQL/MariaDB
     * version turns into an index range; the plain {@code created_at <= t} always is one.
     */
    @Select("<script>SELECT * FROM message WHERE recipient = #{recipient}"
            + " <if test='afterAt != null'>AND created_at &lt;= #{afterAt} AND (created_at &lt; #{afterAt} OR id &lt; #{afterId})</if>"
            + " ORDER BY created_at DESC, id DESC LIMIT #{limit}</script>")
    List<MessageRow> byRecipient(@Param("recipient") String recipient, @Param("afterAt") LocalDateTime afterAt,
                                 @Param("afterId") String afterId, @Param("limit") int limit);

    /** Keyset page of dead letters, newest first by when they gave up (updated_at DESC, id DESC); null filters match all. */
    @Select("<script>SELECT * FROM message WHERE status = 'DEAD'"
            + " <if test='hospital != null'>AND hospital_id = #{hospital}</if>"
            + " <if test='eventType != null'>AND event_type = #{eventType}</if>"
            + " <if test='afterAt != null'>AND updated_at &lt;= #{afterAt} AND (updated_at &lt; #{afterAt} OR id &lt; #{afterId})</if>"
            + " ORDER BY updated_at DESC, id DESC LIMIT #{limit}</script>")
    List<MessageRow> dead(@Param("hospital") String hospital, @Param("eventType") String eventType,
                          @Param("afterAt") LocalDateTime afterAt, @Param("afterId") String afterId, @Param("limit") int limit);

    /** Reminders of a booking not sent yet are called off (cancelled or moved). */
    @Update("UPDATE message SET status = 'CANCELLED', updated_at = #{now} WHERE booking_id = #{bookingId}"
            + " AND kind = 'REMINDER' AND status = 'PENDING'")
    int cancelReminders(@Param("bookingId") String bookingId, @Param("now") LocalDateTime now);

    /** Messages that gave up (a metric; bounded in time so a scrape never hangs on the database). */
    @Select("SELECT COUNT(*) FROM message WHERE status = 'DEAD'")
    @org.apache.ibatis.annotations.Options(timeout = 2)
    long deadCount();

    /** The hospital's template for an event, else the default one, per channel. */
    @Select("SELECT t.channel, t.body FROM message_template t WHERE t.event_type = #{eventType} AND (t.hospital_id = #{hospital}"
            + " OR (t.hospital_id = 'default' AND NOT EXISTS (SELECT 1 FROM message_template h WHERE h.hospital_id = #{hospital}"
            + " AND h.event_type = t.event_type AND h.channel = t.channel)))")
    List<Map<String, Object>> templates(@Param("hospital") String hospital, @Param("eventType") String eventType);

    /** The simulated provider's record; a repeat of the same message is ignored like a real provider's dedupe. */
    @Insert("INSERT IGNORE INTO simulated_delivery (message_id, channel, recipient, body, delivered_at)"
            + " VALUES (#{id}, #{channel}, #{recipient}, #{body}, NOW(3))")
    int simulatedDelivery(@Param("id") String id, @Param("channel") String channel, @Param("recipient") String recipient,
                          @Param("body") String body);
}
