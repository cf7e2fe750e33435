package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** Row of {@code hospital}. */
@TableName("hospital")
public class HospitalRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String name;
    public String city;
    public String timezone;
    public String connector;
}
