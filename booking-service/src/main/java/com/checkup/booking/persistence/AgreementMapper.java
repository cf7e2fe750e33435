package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** campaign_agreement and its audit rows. */
@Mapper
public interface AgreementMapper extends BaseMapper<AgreementRow> {
    /** {@code lock}: FOR UPDATE, for the rest of the transaction (a change and its audit row are one). */
    @Select("<script>SELECT * FROM campaign_agreement WHERE hospital_id = #{hospitalId} AND company_id = #{companyId}"
            + "<if test='lock'> FOR UPDATE</if></script>")
    AgreementRow find(@Param("hospitalId") String hospitalId, @Param("companyId") String companyId, @Param("lock") boolean lock);

    @Select("SELECT * FROM campaign_agreement ORDER BY hospital_id, company_id LIMIT 1000")
    List<AgreementRow> all();

    @Select("SELECT * FROM campaign_agreement WHERE company_id = #{companyId} AND status = 'ACTIVE' ORDER BY hospital_id")
    List<AgreementRow> activeOf(@Param("companyId") String companyId);

    @Insert("INSERT INTO campaign_agreement (hospital_id, company_id, max_daily_share, max_slot_share_percent, status,"
            + " updated_by, updated_at) VALUES (#{hospitalId}, #{companyId}, #{maxDailyShare}, #{maxSlotSharePercent},"
            + " #{status}, #{updatedBy}, #{updatedAt}) ON DUPLICATE KEY UPDATE max_daily_share = VALUES(max_daily_share),"
            + " max_slot_share_percent = VALUES(max_slot_share_percent), status = VALUES(status),"
            + " updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)")
    void upsert(AgreementRow row);

    @Insert("INSERT INTO campaign_agreement_audit (hospital_id, company_id, actor, old_value, new_value, changed_at)"
            + " VALUES (#{r.hospitalId}, #{r.companyId}, #{r.updatedBy}, #{oldValue}, #{newValue}, #{r.updatedAt})")
    void audit(@Param("r") AgreementRow row, @Param("oldValue") String oldValue, @Param("newValue") String newValue);
}
