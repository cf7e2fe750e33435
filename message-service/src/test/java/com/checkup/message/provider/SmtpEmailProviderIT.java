package com.checkup.message.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.checkup.message.app.Contacts;
import com.checkup.message.app.Dispatcher;
import com.checkup.message.domain.Channel;
import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import com.checkup.message.domain.QuietHours;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The SMTP provider behind the real Dispatcher, against GreenMail on loopback (with SMTP AUTH). */
class SmtpEmailProviderIT {
    private static final String TO = "zhang.wei@example.cn";

    private final MessageRepository messages = mock(MessageRepository.class);
    private final FeatureFlags flags = mock(FeatureFlags.class);
    private final Contacts contacts = new Contacts() {
        @Override
        public Optional<String> phone(Message m) {
            return Optional.empty();
        }

        @Override
        public Optional<String> email(Message m) {
            return "B1".equals(m.bookingId()) ? Optional.of(TO) : Optional.empty();
        }
    };
    private GreenMail smtp;
    private int port;

    @BeforeEach
    void start() {
        port = LoopbackPorts.freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("notify@checkup.example", "notify", "s3cret"));
        smtp.start();
        when(flags.get(eq(Dispatcher.QUIET_HOURS), any())).thenReturn(QuietHours.OFF);
        when(messages.finish(any(), any())).thenReturn(true);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private Dispatcher dispatcher(String password) throws Exception {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.setUsername("notify");
        mail.setPassword(password);
        mail.getJavaMailProperties().put("mail.smtp.auth", "true");
        mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        mail.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        MessageProvider email = new SmtpEmailProvider(mail, new InternetAddress("notify@checkup.example"), contacts);
        ChannelProviders providers = new ChannelProviders(Map.of(Channel.EMAIL, new ChannelProviders.Named("smtp", email),
                Channel.SMS, new ChannelProviders.Named("inbox", new InboxPushProvider()),
                Channel.APP_PUSH, new ChannelProviders.Named("inbox", new InboxPushProvider())));
        return new Dispatcher(messages, providers, flags, new RetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofMinutes(1)),
                Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
    }

    private static Lease<Message> due(String bookingId, String body) {
        Instant now = Instant.now();
        return new Lease<>(new Message("M-" + UUID.randomUUID(), "E-" + UUID.randomUUID(), "booking.confirmed", Message.Kind.NOTICE,
                bookingId, "H001", "u-1", Channel.EMAIL, body, body, Message.Status.PENDING, 0, now, null, null, now), "token");
    }

    @Test
    void theMailArrivesWithItsSubjectAndTextInUtf8ForTheExaminee() throws Exception {
        Lease<Message> c = due("B1", "体检预约已确认\n您好，您在北京协和医院的体检（2026-12-03 上午）已确认。预约号 B1。");
        dispatcher("s3cret").send(c);

        assertThat(c.item().status()).isEqualTo(Message.Status.SENT);
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage got = smtp.getReceivedMessages()[0];
        assertThat(got.getSubject()).isEqualTo("体检预约已确认");
        assertThat(got.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(got.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(((String) got.getContent()).strip()).isEqualTo("您好，您在北京协和医院的体检（2026-12-03 上午）已确认。预约号 B1。");
        assertThat(got.getAllRecipients()).extracting(Object::toString).containsExactly(TO);
        assertThat(got.getFrom()).extracting(Object::toString).containsExactly("notify@checkup.example");
        String messageId = "<" + c.item().id() + "@checkup.example>";
        assertThat(got.getMessageID()).isEqualTo(messageId);
        assertThat(c.item().delivery()).isEqualTo(Delivery.accepted("smtp", "250", messageId));
    }

    @Test
    void aServerThatIsDownIsTriedAgainLater() throws Exception {
        smtp.stop();
        Lease<Message> c = due("B1", "Subject\ntext");
        dispatcher("s3cret").send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(c.item().sendAt()).isAfter(Instant.now().plusSeconds(5));
        assertThat(c.item().delivery()).extracting(Delivery::outcome, Delivery::code).containsExactly(Delivery.Outcome.FAILED, "UNREACHABLE");
    }

    @Test
    void wrongCredentialsAreADeadLetterAtOnce() throws Exception {
        Lease<Message> c = due("B1", "Subject\ntext");
        dispatcher("wrong").send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(c.item().delivery().code()).isEqualTo("AUTH");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutAnEmailAddressTheMessageIsADeadLetterSayingSo() throws Exception {
        Lease<Message> c = due("B-none", "Subject\ntext");
        dispatcher("s3cret").send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(c.item().lastError()).isEqualTo("No e-mail address for u-1");
        assertThat(c.item().delivery().code()).isEqualTo("NO_ADDRESS");
    }
}
