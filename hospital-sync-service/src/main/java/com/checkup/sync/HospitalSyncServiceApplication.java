package com.checkup.sync;

import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** hospital-sync-service: tells each hospital's system about bookings through the connector its config names. */
@SpringBootApplication
@MapperScan(basePackages = "com.checkup.sync.persistence", annotationClass = org.apache.ibatis.annotations.Mapper.class)
public class HospitalSyncServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(HospitalSyncServiceApplication.class, args);
    }
}
