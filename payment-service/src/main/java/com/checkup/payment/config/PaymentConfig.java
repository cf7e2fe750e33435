package com.checkup.payment.config;

import com.checkup.payment.app.PaymentCommands;
import com.checkup.payment.channel.ChannelSettings;
import com.checkup.payment.channel.PaymentChannel;
import com.checkup.payment.channel.PaymentChannels;
import com.checkup.payment.channel.SimulatedChannel;
import com.checkup.payment.channel.wechatpay.WeChatPayChannel;
import com.checkup.payment.channel.wechatpay.WeChatPaySettings;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ChannelSettings.class, WeChatPaySettings.class})
public class PaymentConfig {

    /**
     * WeChat Pay, only when switched on ({@code checkup.payment.wechatpay.enabled}); its keys come from the deployment's
     * secrets and it refuses to start with any missing. Locally it talks to the WeChat Pay simulator.
     */
    @Bean
    @ConditionalOnProperty("checkup.payment.wechatpay.enabled")
    WeChatPayChannel weChatPayChannel(WeChatPaySettings settings, java.time.Clock clock) {
        return new WeChatPayChannel(settings, clock);
    }

    /**
     * The simulated channel, only when switched on ({@code checkup.payment.simulated.enabled}) and given a secret; it
     * confirms every payment by itself, so a deployment that does not ask for it has no such channel at all. Its
     * callbacks enter through the same use case a real channel's reach via the gateway, signature check included.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("checkup.payment.simulated.enabled")
    SimulatedChannel simulatedChannel(ChannelSettings settings, ObjectProvider<PaymentCommands> commands) {
        String secret = simulatedSecret(settings);
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("The simulated payment channel is on but has no secret: set "
                    + "checkup.payment.secrets.SIMULATED (env CHECKUP_PAYMENT_SECRETS_SIMULATED)");
        }
        return new SimulatedChannel(secret, settings.getSimulated(),
                (body, signature) -> commands.getObject().callback(SimulatedChannel.NAME, body, signature));
    }

    /** The channels present, each with its callback secret; a secret without its channel (SIMULATED when off) is dropped. */
    @Bean
    PaymentChannels paymentChannels(ObjectProvider<PaymentChannel> all, ChannelSettings settings) {
        Map<String, String> secrets = new java.util.LinkedHashMap<>(settings.getSecrets());
        if (!settings.getSimulated().isEnabled()) {
            secrets.keySet().removeIf(k -> k.equalsIgnoreCase(SimulatedChannel.NAME));
        }
        PaymentChannels channels = new PaymentChannels(all.orderedStream().toList(), secrets);
        for (String name : secrets.keySet()) {
            PaymentChannel c = channels.find(name);
            if (c != null && !c.takesHmacCallbacks()) {
                // An HMAC secret would let callbacks for this channel skip its own verification: never.
                throw new IllegalStateException("checkup.payment.secrets." + name + " is set, but channel " + name
                        + " verifies its own notifications and takes no HMAC callbacks: remove that secret");
            }
        }
        return channels;
    }

    private static String simulatedSecret(ChannelSettings settings) {
        return settings.getSecrets().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(SimulatedChannel.NAME)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
