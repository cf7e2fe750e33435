package com.checkup.message.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.checkup.message.app.Contacts;
import com.checkup.message.domain.Channel;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.message.provider.ChannelProviders;
import com.checkup.platform.flags.FeatureFlags;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Providers per channel from configuration, checked at start-up: nothing simulated unless said, clear messages. */
class MessageProvidersTest {
    /** An environment of just the properties given (no system properties or variables). */
    static final class Env extends StandardEnvironment {
        private final Map<String, Object> props = new HashMap<>();

        Env() {
            getPropertySources().forEach(ps -> getPropertySources().remove(ps.getName()));
            getPropertySources().addFirst(new MapPropertySource("test", props));
        }

        Env withProperty(String key, String value) {
            props.put(key, value);
            return this;
        }
    }

    private ChannelProviders build(Env env, JavaMailSenderImpl mail) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (mail != null) {
            beans.registerSingleton("mail", mail);
        }
        return (ChannelProviders) new MessageProviders().messageProvider(env, mock(MessageRepository.class), mock(FeatureFlags.class),
                mock(Contacts.class), Clock.systemUTC(), beans.getBeanProvider(JavaMailSenderImpl.class));
    }

    private static Env aliyun() {
        return new Env().withProperty("checkup.message.providers.sms", "aliyun")
                .withProperty("checkup.message.providers.email", "simulated")
                .withProperty("checkup.message.providers.app-push", "inbox")
                .withProperty("checkup.message.sms.aliyun.access-key-id", "LTAI5tKey")
                .withProperty("checkup.message.sms.aliyun.access-key-secret", "secret")
                .withProperty("checkup.message.sms.aliyun.sign-name", "体检平台")
                .withProperty("checkup.message.sms.aliyun.templates.booking.confirmed", "SMS_123456789");
    }

    @Test
    void eachChannelGetsTheProviderConfigured() {
        ChannelProviders p = build(aliyun(), null);
        assertThat(p.nameOf(Channel.SMS)).isEqualTo("aliyun");
        assertThat(p.nameOf(Channel.EMAIL)).isEqualTo("simulated");
        assertThat(p.nameOf(Channel.APP_PUSH)).isEqualTo("inbox");
    }

    @Test
    void nothingIsSimulatedUnlessConfigured() {
        Env none = new Env();
        assertThatThrownBy(() -> build(none, null)).hasMessageContaining("checkup.message.providers.sms is not set")
                .hasMessageContaining("[aliyun, simulated]");
        assertThatThrownBy(() -> build(aliyun().withProperty("checkup.message.providers.app-push", "apns"), null))
                .hasMessageContaining("checkup.message.providers.app-push=apns is not a provider of this channel");
    }

    @Test
    void aliyunNeedsItsKeysSignNameAndTemplatesAndHttps() {
        assertThatThrownBy(() -> build(aliyun().withProperty("checkup.message.sms.aliyun.access-key-secret", " "), null))
                .hasMessageContaining("checkup.message.sms.aliyun.access-key-secret is not set");
        assertThatThrownBy(() -> build(aliyun().withProperty("checkup.message.sms.aliyun.templates.booking.confirmed", "123"), null))
                .hasMessageContaining("templates.booking.confirmed=123 is not an Aliyun template code");
        assertThatThrownBy(() -> build(aliyun().withProperty("checkup.message.sms.aliyun.endpoint", "http://dysmsapi.aliyuncs.com/"), null))
                .hasMessageContaining("must be https");
        assertThat(build(aliyun().withProperty("checkup.message.sms.aliyun.endpoint", "http://127.0.0.1:9/"), null).nameOf(Channel.SMS))
                .isEqualTo("aliyun");
    }

    @Test
    void smtpNeedsAServerASenderAndTlsBeyondLoopback() {
        Env env = aliyun().withProperty("checkup.message.providers.email", "smtp");
        assertThatThrownBy(() -> build(env, null)).hasMessageContaining("needs spring.mail.host");
        // An empty SPRING_MAIL_HOST still makes Spring build a sender: refused the same.
        assertThatThrownBy(() -> build(env, new org.springframework.mail.javamail.JavaMailSenderImpl()))
                .hasMessageContaining("needs spring.mail.host");
        JavaMailSenderImpl remote = new JavaMailSenderImpl();
        remote.setHost("smtp.example.cn");
        assertThatThrownBy(() -> build(env.withProperty("checkup.message.email.from", "notify@checkup.example"), remote))
                .hasMessageContaining("without TLS");
        remote.getJavaMailProperties().put("mail.smtp.ssl.enable", "true");
        remote.setUsername("notify");
        assertThatThrownBy(() -> build(env, remote)).hasMessageContaining("spring.mail.password is not");
        remote.setPassword("pw");
        assertThat(build(env, remote).nameOf(Channel.EMAIL)).isEqualTo("smtp");
        assertThatThrownBy(() -> build(env.withProperty("checkup.message.email.from", "not an address"), remote))
                .hasMessageContaining("checkup.message.email.from=not an address is not an e-mail address");
    }
}
