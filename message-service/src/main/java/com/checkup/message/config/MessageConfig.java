package com.checkup.message.config;

import com.checkup.message.app.Dispatcher;
import com.checkup.message.app.Notifications;
import com.checkup.message.domain.Message;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.message.provider.MessageProvider;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.WorkLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MessageConfig {

    @Bean
    Notifications notifications(MessageRepository messages, Clock clock, @Value("${checkup.message.zone}") String zone,
                                @Value("${checkup.message.reminder-at}") String reminderAt) {
        return new Notifications(messages, clock, ZoneId.of(zone), LocalTime.parse(reminderAt));
    }

    /** {@code provider}: the configured provider of each channel (MessageProviders). */
    @Bean
    Dispatcher dispatcher(MessageRepository messages, MessageProvider provider, FeatureFlags flags, Clock clock,
                          @Value("${checkup.message.zone}") String zone,
                          @Value("${checkup.message.retry.attempts}") int attempts,
                          @Value("${checkup.message.retry.first}") Duration first,
                          @Value("${checkup.message.retry.multiplier}") double multiplier,
                          @Value("${checkup.message.retry.max}") Duration max) {
        return new Dispatcher(messages, provider, flags, new RetryPolicy(attempts, first, multiplier, max), clock, ZoneId.of(zone));
    }

    /** Due messages are claimed for the dispatcher's workers, a batch per worker at a time. */
    @Bean(destroyMethod = "close")
    WorkLoop<Message> dispatchLoop(MessageRepository messages, Dispatcher dispatcher, Clock clock,
                                   @Value("${checkup.message.workers}") int workers,
                                   @Value("${checkup.message.batch}") int batch,
                                   @Value("${checkup.message.poll-interval}") Duration every) {
        return new WorkLoop<>("message-dispatch", messages, WorkLoop.each(dispatcher::send),
                new WorkLoop.Settings(workers, batch, Duration.ofMinutes(1), every), clock, Dispatcher.SERVICE).start();
    }
}
