package com.checkup.booking.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** Row of {@code checkup_package}. */
@TableName("checkup_package")
public class PackageRow {
    @TableId(type = IdType.INPUT)
    public String id;
    public String hospitalId;
    public String name;
    public long priceCents;
    public String gender;
    public int minAge;
    public int maxAge;
    public boolean active;
}
