package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.TableName;
import java.time.LocalDate;

/** Row of {@code capacity_slot}; its key is (hospital_id, slot_date, period, resource). */
@TableName("capacity_slot")
public class CapacityRow {
    public String hospitalId;
    public LocalDate slotDate;
    public String period;
    public String resource;
    public int total;
    public int used;
}
