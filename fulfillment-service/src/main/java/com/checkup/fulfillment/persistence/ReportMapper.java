package com.checkup.fulfillment.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ReportMapper extends BaseMapper<ReportRow> {
    /** Insert or replace the booking's current report. */
    @Insert("INSERT INTO report_file (booking_id, id, hospital_id, consumer_id, file_name, content_type, size_bytes, sha256,"
            + " storage_key, uploaded_by, uploaded_at) VALUES (#{bookingId}, #{id}, #{hospitalId}, #{consumerId}, #{fileName},"
            + " #{contentType}, #{sizeBytes}, #{sha256}, #{storageKey}, #{uploadedBy}, #{uploadedAt})"
            + " ON DUPLICATE KEY UPDATE id = VALUES(id), file_name = VALUES(file_name), content_type = VALUES(content_type),"
            + " size_bytes = VALUES(size_bytes), sha256 = VALUES(sha256), storage_key = VALUES(storage_key),"
            + " uploaded_by = VALUES(uploaded_by), uploaded_at = VALUES(uploaded_at)")
    void save(ReportRow row);

    @Insert("INSERT INTO report_access_audit (booking_id, report_id, at, actor, tenant_id, action, allowed, reason, trace_id)"
            + " VALUES (#{bookingId}, #{reportId}, NOW(3), #{actor}, #{tenantId}, #{action}, #{allowed}, #{reason}, #{traceId})")
    void audit(@Param("bookingId") String bookingId, @Param("reportId") String reportId, @Param("actor") String actor,
               @Param("tenantId") String tenantId, @Param("action") String action, @Param("allowed") boolean allowed,
               @Param("reason") String reason, @Param("traceId") String traceId);

    /** A booking's accesses, newest first (the id is the order they were written in), on idx_report_audit_booking. */
    @Select("SELECT at, actor, action, allowed, reason FROM report_access_audit WHERE booking_id = #{bookingId}"
            + " ORDER BY id DESC LIMIT #{limit}")
    List<ReportAccessRow> accesses(@Param("bookingId") String bookingId, @Param("limit") int limit);
}
