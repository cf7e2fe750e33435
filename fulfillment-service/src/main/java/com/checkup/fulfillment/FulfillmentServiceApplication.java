package com.checkup.fulfillment;

import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** fulfillment-service: manual fulfillment tasks and report files. */
@SpringBootApplication
@MapperScan(basePackages = "com.checkup.fulfillment.persistence", annotationClass = org.apache.ibatis.annotations.Mapper.class)
public class FulfillmentServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(FulfillmentServiceApplication.class, args);
    }
}
