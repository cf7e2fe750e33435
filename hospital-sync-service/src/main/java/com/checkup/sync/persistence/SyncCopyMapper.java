package com.checkup.sync.persistence;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** {@code sync_copy}: one row per running copy of the service, refreshed by that copy. */
@Mapper
public interface SyncCopyMapper {
    @Insert("INSERT INTO sync_copy (instance_id, tier, tiers, circuits, started_at, seen_at)"
            + " VALUES (#{instance}, #{tier}, #{tiers}, #{circuits}, #{startedAt}, #{now})"
            + " ON DUPLICATE KEY UPDATE tier = VALUES(tier), tiers = VALUES(tiers), circuits = VALUES(circuits),"
            + " seen_at = VALUES(seen_at)")
    void report(@Param("instance") String instance, @Param("tier") String tier, @Param("tiers") String tiers,
                @Param("circuits") String circuits, @Param("startedAt") LocalDateTime startedAt,
                @Param("now") LocalDateTime now);

    @Select("SELECT instance_id AS instance, tier, tiers, circuits FROM sync_copy WHERE seen_at >= #{since}"
            + " ORDER BY instance_id")
    List<Map<String, Object>> live(@Param("since") LocalDateTime since);

    @Delete("DELETE FROM sync_copy WHERE instance_id = #{instance}")
    void leave(@Param("instance") String instance);

    @Delete("DELETE FROM sync_copy WHERE seen_at < #{before}")
    int forget(@Param("before") LocalDateTime before);
}
