package com.checkup.payment.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface PaymentMapper extends BaseMapper<PaymentRow> {
    /** The order's live payment (unique on live_order_id). */
    @Select("SELECT * FROM payments WHERE live_order_id = #{orderId}")
    PaymentRow selectLive(@Param("orderId") String orderId);

    /**
     * Moves a payment from one status to the next only if it is still in the first: the row lock decides races. Only
     * REFUNDED frees the order's live key: a CLOSED payment keeps it, since a late payment moves it on to SUCCEEDED.
     */
    @Update("UPDATE payments SET status = #{to}, updated_at = NOW(3),"
            + " channel_txn_id = COALESCE(#{txn}, channel_txn_id),"
            + " live_order_id = CASE WHEN #{to} = 'REFUNDED' THEN NULL ELSE live_order_id END"
            + " WHERE id = #{id} AND status = #{from}")
    int transition(@Param("id") String id, @Param("from") String from, @Param("to") String to, @Param("txn") String txn);

    /**
     * Payments in a settled state (SUCCEEDED or REFUNDED) untouched since {@code before}: reconciliation candidates,
     * after ({@code since}, {@code afterId}) in (updated_at, id) order: a page boundary between rows of the same
     * millisecond loses none of them.
     */
    @Select("SELECT * FROM payments WHERE status IN ('SUCCEEDED', 'REFUNDED') AND updated_at <= #{before}"
            + " AND (updated_at > #{since} OR updated_at = #{since} AND id > #{afterId}) ORDER BY updated_at, id LIMIT #{limit}")
    java.util.List<PaymentRow> settledBetween(@Param("since") java.time.LocalDateTime since, @Param("afterId") String afterId,
                                              @Param("before") java.time.LocalDateTime before, @Param("limit") int limit);

    @Insert("INSERT INTO payment_callbacks (channel, payment_id, outcome, body, received_at)"
            + " VALUES (#{channel}, #{paymentId}, #{outcome}, #{body}, NOW(3))")
    void recordCallback(@Param("channel") String channel, @Param("paymentId") String paymentId,
                        @Param("outcome") String outcome, @Param("body") String body);

    @Update("UPDATE payments SET pay_url = #{url} WHERE id = #{id}")
    int setPayUrl(@Param("id") String id, @Param("url") String url);

    /** Payments still waiting for their channel in {@code status}: candidates for asking it (paged as above). */
    @Select("SELECT * FROM payments WHERE status = #{status} AND updated_at <= #{before}"
            + " AND (updated_at > #{since} OR updated_at = #{since} AND id > #{afterId}) ORDER BY updated_at, id LIMIT #{limit}")
    java.util.List<PaymentRow> waitingBetween(@Param("status") String status, @Param("since") java.time.LocalDateTime since,
                                              @Param("afterId") String afterId,
                                              @Param("before") java.time.LocalDateTime before, @Param("limit") int limit);

    @Insert("INSERT IGNORE INTO channel_nonce (channel, nonce, seen_at) VALUES (#{channel}, #{nonce}, NOW(3))")
    int rememberNonce(@Param("channel") String channel, @Param("nonce") String nonce);

    @org.apache.ibatis.annotations.Delete("DELETE FROM channel_nonce WHERE seen_at < #{before} LIMIT 10000")
    int forgetNonces(@Param("before") java.time.LocalDateTime before);

    /** Refused unsigned callbacks (anyone can send them) are kept for a while, not for ever. */
    @org.apache.ibatis.annotations.Delete("DELETE FROM payment_callbacks WHERE payment_id IS NULL"
            + " AND outcome IN ('BAD_SIGNATURE', 'REJECTED') AND received_at < #{before} LIMIT 10000")
    int forgetRefusedCallbacks(@Param("before") java.time.LocalDateTime before);
}
