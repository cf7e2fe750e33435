package com.checkup.order.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OrderConfig {
    /** UTC wall clock; tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
