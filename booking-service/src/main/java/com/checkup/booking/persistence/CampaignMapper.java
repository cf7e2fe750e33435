package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** campaign: insert and by id through BaseMapper; the quota is taken and given back with one conditional update each. */
@Mapper
public interface CampaignMapper extends BaseMapper<CampaignRow> {
    @Update("UPDATE campaign SET status = 'CANCELLED' WHERE id = #{id} AND status = 'OPEN'")
    int cancel(@Param("id") String id);

    @Select("SELECT * FROM campaign WHERE company_id = #{companyId} ORDER BY created_at DESC LIMIT 200")
    List<CampaignRow> ofCompany(@Param("companyId") String companyId);

    @Update("UPDATE campaign SET booked = booked + 1, spent_cents = spent_cents + #{price} WHERE id = #{id}"
            + " AND (quota IS NULL OR booked < quota) AND (budget_cents IS NULL OR spent_cents + #{price} <= budget_cents)")
    int takeQuota(@Param("id") String campaignId, @Param("price") long priceCents);

    @Update("UPDATE campaign SET booked = booked - 1, spent_cents = spent_cents - #{price} WHERE id = #{id} AND booked > 0")
    int giveBackQuota(@Param("id") String campaignId, @Param("price") long priceCents);
}
