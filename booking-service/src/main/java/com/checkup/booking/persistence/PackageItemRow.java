package com.checkup.booking.persistence;

/** An exam item of a package: {@code package_item} joined with {@code exam_item}. */
public class PackageItemRow {
    public String packageId;
    public String id;
    public String name;
    public String resource;
}
