package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import java.time.LocalDateTime;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** roster_import: insert and by id through BaseMapper; progress and outcome written here. */
@Mapper
public interface RosterImportMapper extends BaseMapper<RosterImportRow> {
    /** Locks the campaign's row: two uploads at once for one campaign go one after the other. */
    @Select("SELECT id FROM campaign WHERE id = #{campaignId} FOR UPDATE")
    String lockCampaign(@Param("campaignId") String campaignId);

    @Select("SELECT COUNT(*) FROM roster_import WHERE campaign_id = #{campaignId} AND status = 'RUNNING'")
    int running(@Param("campaignId") String campaignId);

    @Update("UPDATE roster_import SET processed_rows = #{processed}, created = #{created}, updated = #{updated},"
            + " unchanged = #{unchanged}, rejected = #{rejected}, errors = #{errors} WHERE id = #{id}")
    int progress(@Param("id") String id, @Param("processed") int processed, @Param("created") int created,
                 @Param("updated") int updated, @Param("unchanged") int unchanged, @Param("rejected") int rejected,
                 @Param("errors") String errorsJson);

    @Update("UPDATE roster_import SET status = #{status}, failure = #{failure}, finished_at = #{now} WHERE id = #{id}")
    int finish(@Param("id") String id, @Param("status") String status, @Param("failure") String failure,
               @Param("now") LocalDateTime now);

    @Update("UPDATE roster_import SET status = 'FAILED', failure = 'interrupted by a restart: upload the roster again',"
            + " finished_at = #{now} WHERE status = 'RUNNING' AND started_at < #{startedBefore}")
    int failInterrupted(@Param("startedBefore") LocalDateTime startedBefore, @Param("now") LocalDateTime now);
}
