package com.checkup.booking;

import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** booking-service: catalogue, capacity calendar and the life of bookings. */
@SpringBootApplication
@MapperScan("com.checkup.booking.persistence")
public class BookingServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(BookingServiceApplication.class, args);
    }
}
