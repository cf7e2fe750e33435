package com.checkup.booking.config;

import com.checkup.booking.app.HoldWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BookingConfig {

    /**
     * How holds are written, on /actuator/prometheus: {@code checkup.booking.holds.written} (of which
     * {@code ...combined} shared a transaction with others) and {@code checkup.booking.hold.transactions}. Written over
     * transactions is the mean batch on hot slots.
     */
    @Bean
    MeterBinder holdWriterMetrics(HoldWriter writer) {
        return registry -> {
            FunctionCounter.builder("checkup.booking.holds.written", writer, w -> w.stats().holds())
                    .description("Holds written").register(registry);
            FunctionCounter.builder("checkup.booking.holds.combined", writer, w -> w.stats().combinedHolds())
                    .description("Holds written in a transaction with other holds of their slot").register(registry);
            FunctionCounter.builder("checkup.booking.hold.transactions", writer, w -> w.stats().transactions())
                    .description("Transactions that wrote holds").register(registry);
        };
    }
}
