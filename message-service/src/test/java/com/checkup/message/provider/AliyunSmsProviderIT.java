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
import com.checkup.platform.events.Json;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Aliyun SMS provider behind the real Dispatcher, against a local stub of SendSms that checks requests as Aliyun
 * does (its own signature computation): what is accepted, rejected (dead letter at once) or tried again.
 */
class AliyunSmsProviderIT {
    private static final String KEY_ID = "LTAI5tTestKeyId";
    private static final String SECRET = "test-secret-" + UUID.randomUUID();
    private static final String SIGN_NAME = "体检平台";
    private static final String PHONE = "13812345678";

    private final MessageRepository messages = mock(MessageRepository.class);
    private final FeatureFlags flags = mock(FeatureFlags.class);
    private final Map<String, String> phones = new HashMap<>(Map.of("B1", PHONE));
    private final Contacts contacts = new Contacts() {
        @Override
        public Optional<String> phone(Message m) {
            return Optional.ofNullable(phones.get(m.bookingId()));
        }

        @Override
        public Optional<String> email(Message m) {
            return Optional.empty();
        }
    };
    private AliyunSmsStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = new AliyunSmsStub(KEY_ID, SECRET, SIGN_NAME, Map.of(
                "SMS_100001", "您预约的${hospitalId}体检（${date} ${period}）已确认，预约号${bookingId}。",
                "SMS_100002", "${employeeName}，公司为您提供体检，预约码${code}。"));
        when(flags.get(eq(Dispatcher.QUIET_HOURS), any())).thenReturn(QuietHours.OFF);
        when(messages.finish(any(), any())).thenReturn(true);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Dispatcher dispatcher(String keyId, String secret, URI endpoint) {
        AliyunSmsProvider.Settings s = new AliyunSmsProvider.Settings(endpoint, keyId, secret, SIGN_NAME,
                Map.of("booking.confirmed", "SMS_100001", "entitlement.granted", "SMS_100002", "booking.cancelled", "SMS_999999"),
                Duration.ofSeconds(1), Duration.ofMillis(500));
        MessageProvider sms = new AliyunSmsProvider(s, contacts, Clock.systemUTC());
        ChannelProviders providers = new ChannelProviders(Map.of(Channel.SMS, new ChannelProviders.Named("aliyun", sms),
                Channel.EMAIL, new ChannelProviders.Named("inbox", new InboxPushProvider()),
                Channel.APP_PUSH, new ChannelProviders.Named("inbox", new InboxPushProvider())));
        return new Dispatcher(messages, providers, flags, new RetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofMinutes(1)),
                Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
    }

    private Dispatcher dispatcher() {
        return dispatcher(KEY_ID, SECRET, stub.endpoint());
    }

    private static Lease<Message> due(String eventType, String bookingId, Map<String, String> values) {
        Instant now = Instant.now();
        return new Lease<>(new Message("M-" + UUID.randomUUID(), "E-" + UUID.randomUUID(), eventType, Message.Kind.NOTICE, bookingId,
                "H001", "u-1", Channel.SMS, "(text)", "(text)", Message.Status.PENDING, 0, now, null, null, now, now, values, null),
                "token");
    }

    private static Lease<Message> confirmed() {
        return due("booking.confirmed", "B1", Map.of("hospitalId", "H001", "date", "2026-12-03", "period", "上午", "bookingId", "B1"));
    }

    @Test
    void aWellSignedRequestIsAcceptedAndAliyunsBizIdRecorded() throws Exception {
        Lease<Message> c = confirmed();
        dispatcher().send(c);

        Message m = c.item();
        assertThat(m.status()).isEqualTo(Message.Status.SENT);
        assertThat(stub.received()).singleElement().satisfies(r -> {
            assertThat(r.answeredCode()).isEqualTo("OK");
            assertThat(r.params()).containsEntry("PhoneNumbers", PHONE).containsEntry("SignName", SIGN_NAME)
                    .containsEntry("TemplateCode", "SMS_100001").containsEntry("OutId", m.id());
            assertThat(Json.MAPPER.readValue(r.params().get("TemplateParam"), Map.class))
                    .isEqualTo(Map.of("hospitalId", "H001", "date", "2026-12-03", "period", "上午", "bookingId", "B1"));
        });
        assertThat(m.delivery().outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
        assertThat(m.delivery().provider()).isEqualTo("aliyun");
        assertThat(m.delivery().code()).isEqualTo("OK");
        assertThat(m.delivery().reference()).isNotBlank().endsWith("^0");
    }

    @Test
    void aWrongSecretIsRefusedByAliyunAndADeadLetterAtOnceWithoutTheNumber() throws Exception {
        Lease<Message> c = confirmed();
        dispatcher(KEY_ID, "not-the-secret", stub.endpoint()).send(c);

        Message m = c.item();
        assertThat(stub.received()).singleElement().extracting(AliyunSmsStub.Received::answeredCode).isEqualTo("SignatureDoesNotMatch");
        assertThat(m.status()).isEqualTo(Message.Status.DEAD);
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.delivery()).extracting(Delivery::outcome, Delivery::code)
                .containsExactly(Delivery.Outcome.REJECTED, "SignatureDoesNotMatch");
        // Aliyun echoes its string to sign (every parameter, the number too): not kept.
        assertThat(m.lastError()).contains("400 SignatureDoesNotMatch").doesNotContain(PHONE).doesNotContain("string to sign");
    }

    @Test
    void anUnknownAccessKeyIsADeadLetterAtOnce() throws Exception {
        Lease<Message> c = confirmed();
        dispatcher("LTAI-nobody", SECRET, stub.endpoint()).send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(c.item().delivery().code()).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void theStubRefusesARequestChangedAfterSigning() throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "SendSms");
        p.put("Version", "2017-05-25");
        p.put("AccessKeyId", KEY_ID);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        p.put("PhoneNumbers", PHONE);
        p.put("SignName", SIGN_NAME);
        p.put("TemplateCode", "SMS_100001");
        p.put("TemplateParam", "{\"bookingId\":\"B1\",\"date\":\"2026-12-03\",\"hospitalId\":\"H001\",\"period\":\"AM\"}");
        String signature = AliyunSignature.sign("POST", p, SECRET);
        HttpClient http = HttpClient.newHttpClient();
        p.put("PhoneNumbers", "13900000000"); // tampered on the way
        HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(stub.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Signature=" + AliyunSignature.percentEncode(signature) + "&"
                        + AliyunSignature.canonicalQuery(p))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("\"Code\":\"SignatureDoesNotMatch\"");

        p.put("PhoneNumbers", PHONE);
        HttpResponse<String> intact = http.send(HttpRequest.newBuilder(stub.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Signature=" + AliyunSignature.percentEncode(signature) + "&"
                        + AliyunSignature.canonicalQuery(p))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(intact.body()).contains("\"Code\":\"OK\"").contains("\"BizId\"");
    }

    @Test
    void aQuotaIsTriedAgainLaterAndThenSent() throws Exception {
        stub.answerNext("isv.BUSINESS_LIMIT_CONTROL");
        Lease<Message> c = confirmed();
        dispatcher().send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(c.item().sendAt()).isAfter(Instant.now().plusSeconds(5));
        assertThat(c.item().delivery()).extracting(Delivery::outcome, Delivery::code)
                .containsExactly(Delivery.Outcome.FAILED, "isv.BUSINESS_LIMIT_CONTROL");

        dispatcher().send(new Lease<>(c.item(), "token-2"));
        assertThat(c.item().status()).isEqualTo(Message.Status.SENT);
        assertThat(c.item().attempts()).isEqualTo(2);
        assertThat(c.item().delivery().outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    }

    @Test
    void throttlingAndAServerErrorAreTriedAgain() throws Exception {
        stub.answerNext("Throttling.User");
        Lease<Message> throttled = confirmed();
        dispatcher().send(throttled);
        assertThat(throttled.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(throttled.item().delivery().code()).isEqualTo("Throttling.User");

        stub.answerNext("HTTP_503");
        Lease<Message> c = confirmed();
        dispatcher().send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(c.item().delivery()).extracting(Delivery::outcome, Delivery::code).containsExactly(Delivery.Outcome.FAILED, "HTTP_503");
        assertThat(c.item().lastError()).contains("Aliyun SMS 503");
    }

    @Test
    void noAnswerWithinTheTimeoutIsTriedAgain() throws Exception {
        stub.answerNext("HANG");
        Lease<Message> c = confirmed();
        long t0 = System.nanoTime();
        dispatcher().send(c);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(c.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(c.item().delivery().code()).isEqualTo("TIMEOUT");
    }

    @Test
    void anUnreachableServiceIsTriedAgain() throws Exception {
        URI closed = stub.endpoint();
        stub.close();
        Lease<Message> c = confirmed();
        dispatcher(KEY_ID, SECRET, closed).send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(c.item().delivery().code()).isEqualTo("UNREACHABLE");
    }

    @Test
    void anIllegalNumberAnUnknownTemplateOrAMissingValueAreDeadLettersAtOnce() throws Exception {
        phones.put("B2", "12345");
        Lease<Message> badNumber = due("booking.confirmed", "B2",
                Map.of("hospitalId", "H001", "date", "2026-12-03", "period", "上午", "bookingId", "B2"));
        dispatcher().send(badNumber);
        assertThat(badNumber.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(badNumber.item().delivery().code()).isEqualTo("isv.MOBILE_NUMBER_ILLEGAL");

        Lease<Message> unknownTemplate = due("booking.cancelled", "B1", Map.of("date", "2026-12-03"));
        dispatcher().send(unknownTemplate);
        assertThat(unknownTemplate.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(unknownTemplate.item().delivery().code()).isEqualTo("isv.SMS_TEMPLATE_ILLEGAL");

        Lease<Message> noCode = due("entitlement.granted", "B1", Map.of("employeeName", "张伟"));
        dispatcher().send(noCode);
        assertThat(noCode.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(noCode.item().delivery().code()).isEqualTo("isv.TEMPLATE_MISSING_PARAMETERS");
    }

    @Test
    void withoutATemplateCodeOrANumberNothingIsSentAndTheMessageIsADeadLetter() throws Exception {
        Lease<Message> noTemplate = due("report.ready", "B1", Map.of("bookingId", "B1"));
        dispatcher().send(noTemplate);
        assertThat(noTemplate.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(noTemplate.item().delivery().code()).isEqualTo("NO_TEMPLATE");
        assertThat(noTemplate.item().lastError()).contains("checkup.message.sms.aliyun.templates.report.ready");

        Lease<Message> noPhone = due("booking.confirmed", "B-unknown", Map.of("date", "2026-12-03"));
        dispatcher().send(noPhone);
        assertThat(noPhone.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(noPhone.item().delivery().code()).isEqualTo("NO_ADDRESS");
        assertThat(stub.received()).isEmpty();
    }
}
