package com.checkup.message;

import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** message-service: notifications from booking and report events. */
@SpringBootApplication
@MapperScan(basePackages = "com.checkup.message.persistence", annotationClass = org.apache.ibatis.annotations.Mapper.class)
public class MessageServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(MessageServiceApplication.class, args);
    }
}
