package com.checkup.message.config;

import com.checkup.message.app.Contacts;
import com.checkup.message.domain.Channel;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.message.provider.AliyunSmsProvider;
import com.checkup.message.provider.ChannelProviders;
import com.checkup.message.provider.InboxPushProvider;
import com.checkup.message.provider.MessageProvider;
import com.checkup.message.provider.SimulatedProvider;
import com.checkup.message.provider.SmtpEmailProvider;
import com.checkup.platform.net.OutsideEndpoints;
import com.checkup.platform.flags.FeatureFlags;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The provider of each channel, chosen by configuration and checked at start-up (a missing or wrong setting stops the
 * service with a message naming it). Nothing is simulated unless configured so:
 * <pre>
 * checkup.message.providers.sms      = aliyun | simulated
 * checkup.message.providers.email    = smtp | simulated
 * checkup.message.providers.app-push = inbox | simulated
 * </pre>
 * {@code aliyun} needs {@code checkup.message.sms.aliyun.*} (access key and secret from the environment, sign name,
 * event type → template code); {@code smtp} needs {@code spring.mail.host} (credentials from the environment) and
 * {@code checkup.message.email.from}.
 */
@Configuration(proxyBeanMethods = false)
public class MessageProviders {
    static final String PREFIX = "checkup.message.providers.";
    static final String ALIYUN = "checkup.message.sms.aliyun.";
    private static final Logger log = LoggerFactory.getLogger(MessageProviders.class);

    @Bean
    MessageProvider messageProvider(Environment env, MessageRepository messages, FeatureFlags flags, Contacts contacts, Clock clock,
                                    ObjectProvider<JavaMailSenderImpl> mail) {
        Map<Channel, ChannelProviders.Named> byChannel = new EnumMap<>(Channel.class);
        Supplier<MessageProvider> simulated = () -> new SimulatedProvider(messages, flags);
        byChannel.put(Channel.SMS, choose(env, "sms", Map.of(
                AliyunSmsProvider.NAME, () -> new AliyunSmsProvider(aliyun(env), contacts, clock),
                SimulatedProvider.NAME, simulated)));
        byChannel.put(Channel.EMAIL, choose(env, "email", Map.of(
                SmtpEmailProvider.NAME, () -> smtp(env, mail.getIfAvailable(), contacts),
                SimulatedProvider.NAME, simulated)));
        byChannel.put(Channel.APP_PUSH, choose(env, "app-push", Map.of(
                InboxPushProvider.NAME, InboxPushProvider::new,
                SimulatedProvider.NAME, simulated)));
        byChannel.forEach((c, p) -> log.info("{} messages go to provider '{}'", c, p.name()));
        return new ChannelProviders(byChannel);
    }

    private static ChannelProviders.Named choose(Environment env, String channel, Map<String, Supplier<MessageProvider>> known) {
        String key = PREFIX + channel;
        String name = env.getProperty(key);
        List<String> names = known.keySet().stream().sorted().toList();
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(key + " is not set: choose one of " + names
                    + " (simulated providers only where switched on explicitly)");
        }
        Supplier<MessageProvider> p = known.get(name.trim());
        if (p == null) {
            throw new IllegalStateException(key + "=" + name + " is not a provider of this channel: choose one of " + names);
        }
        return new ChannelProviders.Named(name.trim(), p.get());
    }

    static AliyunSmsProvider.Settings aliyun(Environment env) {
        URI endpoint = URI.create(env.getProperty(ALIYUN + "endpoint", "https://dysmsapi.aliyuncs.com/"));
        if (!OutsideEndpoints.secure(endpoint)) {
            throw new IllegalStateException(ALIYUN + "endpoint=" + endpoint + " must be https (plain http only to a loopback stub)");
        }
        Map<String, String> templates = Binder.get(env).bind(ALIYUN + "templates", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        if (templates.isEmpty()) {
            throw new IllegalStateException(ALIYUN + "templates.<event type> is not set for any event type: each SMS needs the"
                    + " code of an approved Aliyun template (e.g. " + ALIYUN + "templates.booking.confirmed=SMS_123456789)");
        }
        templates.forEach((type, code) -> {
            if (code == null || !code.matches("SMS_[0-9]+")) {
                throw new IllegalStateException(ALIYUN + "templates." + type + "=" + code + " is not an Aliyun template code (SMS_<digits>)");
            }
        });
        return new AliyunSmsProvider.Settings(endpoint, required(env, ALIYUN + "access-key-id"), required(env, ALIYUN + "access-key-secret"),
                required(env, ALIYUN + "sign-name"), templates,
                env.getProperty(ALIYUN + "connect-timeout", Duration.class, Duration.ofSeconds(3)),
                env.getProperty(ALIYUN + "timeout", Duration.class, Duration.ofSeconds(10)));
    }

    static SmtpEmailProvider smtp(Environment env, JavaMailSenderImpl mail, Contacts contacts) {
        // An empty SPRING_MAIL_HOST (a ConfigMap not filled in yet) still makes Spring create the sender: refuse it too.
        if (mail == null || mail.getHost() == null || mail.getHost().isBlank()) {
            throw new IllegalStateException(PREFIX + "email=smtp needs spring.mail.host (and spring.mail.port, spring.mail.username,"
                    + " spring.mail.password from the environment)");
        }
        Properties p = mail.getJavaMailProperties();
        boolean tls = "true".equals(p.getProperty("mail.smtp.starttls.required")) || "true".equals(p.getProperty("mail.smtp.ssl.enable"))
                || "smtps".equals(mail.getProtocol());
        if (!tls && !OutsideEndpoints.isLoopback(mail.getHost())) {
            throw new IllegalStateException("SMTP to " + mail.getHost() + " without TLS: set spring.mail.properties.mail.smtp.starttls.required=true"
                    + " (with starttls.enable=true) or spring.mail.properties.mail.smtp.ssl.enable=true");
        }
        if (mail.getUsername() != null && (mail.getPassword() == null || mail.getPassword().isBlank())) {
            throw new IllegalStateException("spring.mail.username is set but spring.mail.password is not (SPRING_MAIL_PASSWORD from a secret)");
        }
        String from = required(env, "checkup.message.email.from");
        try {
            return new SmtpEmailProvider(mail, new InternetAddress(from, true), contacts);
        } catch (AddressException e) {
            throw new IllegalStateException("checkup.message.email.from=" + from + " is not an e-mail address: " + e.getMessage());
        }
    }

    private static String required(Environment env, String key) {
        String v = env.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(key + " is not set (no default: " + (key.contains("secret") || key.contains("key-id")
                    ? "from the deployment's secrets" : "configure it") + ")");
        }
        return v.trim();
    }

}
