package com.checkup.message.config;

import com.checkup.message.app.Dispatcher;
import com.checkup.message.app.Notifications;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.message.provider.MessageProvider;
import com.checkup.message.provider.SimulatedProvider;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class MessageConfig {

    /** Simulated providers, unless real ones are configured (k8s). */
    @Bean
    @ConditionalOnMissingBean(MessageProvider.class)
    MessageProvider simulatedProvider(MessageRepository messages, FeatureFlags flags) {
        return new SimulatedProvider(messages, flags);
    }

    @Bean
    Notifications notifications(MessageRepository messages, Clock clock, @Value("${checkup.message.zone}") String zone,
                                @Value("${checkup.message.reminder-at}") String reminderAt) {
        return new Notifications(messages, clock, ZoneId.of(zone), LocalTime.parse(reminderAt));
    }

    @Bean
    Dispatcher dispatcher(MessageRepository messages, MessageProvider provider, FeatureFlags flags, Clock clock,
                          @Value("${checkup.message.zone}") String zone,
                          @Value("${checkup.message.retry.attempts}") int attempts,
                          @Value("${checkup.message.retry.first}") Duration first,
                          @Value("${checkup.message.retry.multiplier}") double multiplier,
                          @Value("${checkup.message.retry.max}") Duration max) {
        return new Dispatcher(messages, provider, flags, new RetryPolicy(attempts, first, multiplier, max), clock, ZoneId.of(zone));
    }

    @Bean
    DispatchLoop dispatchLoop(Dispatcher dispatcher) {
        return new DispatchLoop(dispatcher);
    }

    /** The dispatcher's heartbeat. */
    public static final class DispatchLoop {
        private final Dispatcher dispatcher;

        DispatchLoop(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${checkup.message.poll-interval}", initialDelayString = "${checkup.message.poll-interval}")
        public void run() {
            dispatcher.sendDue();
        }
    }
}
