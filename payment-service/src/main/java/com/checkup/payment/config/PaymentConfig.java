package com.checkup.payment.config;

import com.checkup.payment.app.PaymentCommands;
import com.checkup.payment.channel.ChannelSettings;
import com.checkup.payment.channel.PaymentChannel;
import com.checkup.payment.channel.PaymentChannels;
import com.checkup.payment.channel.SimulatedChannel;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelSettings.class)
@EnableScheduling
public class PaymentConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The simulated channel, present when it has a secret. Its callbacks enter through the same use case a real
     * channel's reach via the gateway, signature check included.
     */
    @Bean(destroyMethod = "close")
    SimulatedChannel simulatedChannel(ChannelSettings settings, ObjectProvider<PaymentCommands> commands) {
        String secret = settings.getSecrets().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(SimulatedChannel.NAME)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (secret == null) {
            return null;
        }
        return new SimulatedChannel(secret, settings.getSimulated(),
                (body, signature) -> commands.getObject().callback(SimulatedChannel.NAME, body, signature));
    }

    @Bean
    PaymentChannels paymentChannels(ObjectProvider<PaymentChannel> all, ChannelSettings settings) {
        return new PaymentChannels(all.orderedStream().toList(), settings.getSecrets());
    }
}
