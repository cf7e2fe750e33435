package com.checkup.booking.config;

import com.checkup.booking.app.HoldExpiry;
import com.checkup.booking.app.HoldWriter;
import com.checkup.contracts.event.Topics;
import com.checkup.platform.events.BatchedReminders;
import com.checkup.platform.events.Reminders;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BookingConfig {

    /**
     * Hold expiry reminders, gathered for 50 ms per lane and sent as one ({@link HoldExpiry.HoldsDue}): a hold ends
     * minutes after it is written, so a reminder 50 ms later costs nothing, while one broker message per hold cost
     * ~10 % of the hold path's CPU. Sent on shutdown; one lost with a crash is made up for by the sweep.
     */
    @Bean
    BatchedReminders holdReminders(Reminders reminders) {
        return new BatchedReminders(reminders, Topics.BOOKING_TIMERS, HoldExpiry.HOLD_DUE, HoldExpiry.HoldsDue::new,
                Duration.ofMillis(50), 200);
    }

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
