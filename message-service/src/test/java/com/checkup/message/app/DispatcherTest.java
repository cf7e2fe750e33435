package com.checkup.message.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.checkup.message.domain.Channel;
import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import com.checkup.message.domain.QuietHours;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.message.provider.DeliveryFailed;
import com.checkup.message.provider.DeliveryRejected;
import com.checkup.message.provider.MessageProvider;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One claimed message as the Dispatcher handles it, with its ports mocked: quiet hours, a send, a retry, a dead letter. */
class DispatcherTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 10:00 in Shanghai. */
    private static final Instant DAY = Instant.parse("2026-12-02T02:00:00Z");
    /** 23:00 in Shanghai. */
    private static final Instant NIGHT = Instant.parse("2026-12-02T15:00:00Z");

    private final MessageRepository messages = mock(MessageRepository.class);
    private final MessageProvider provider = mock(MessageProvider.class);
    private final FeatureFlags flags = mock(FeatureFlags.class);
    private final RetryPolicy retry = new RetryPolicy(2, Duration.ofSeconds(10), 2, Duration.ofMinutes(5));

    private Dispatcher at(Instant now, String quietHours) {
        when(flags.get(eq(Dispatcher.QUIET_HOURS), any())).thenReturn(QuietHours.parse(quietHours));
        when(messages.finish(any(), any())).thenReturn(true);
        return new Dispatcher(messages, provider, flags, retry, Clock.fixed(now, ZoneOffset.UTC), SHANGHAI);
    }

    private static Lease<Message> claimed(int attempts, Instant now) {
        return new Lease<>(new Message("M1", "E1", "booking.confirmed", Message.Kind.NOTICE, "B1", "H001", "13800000000",
                Channel.SMS, "Your booking is confirmed", "Your booking is confirmed", Message.Status.PENDING, attempts, now,
                null, null, now), "token-1");
    }

    @Test
    void aMessageDueInQuietHoursWaitsForTheirEndWithoutATry() {
        Lease<Message> c = claimed(0, NIGHT);
        at(NIGHT, "22:00-08:00").send(c);

        verifyNoInteractions(provider);
        assertThat(c.item().sendAt()).isEqualTo(Instant.parse("2026-12-03T00:00:00Z")); // 08:00 in Shanghai
        assertThat(c.item().attempts()).isZero();
        verify(messages).finish(c, NIGHT);
    }

    @Test
    void aSentMessageIsRecordedSent() throws Exception {
        Lease<Message> c = claimed(0, DAY);
        at(DAY, "22:00-08:00").send(c);

        verify(provider).send(c.item());
        assertThat(c.item().status()).isEqualTo(Message.Status.SENT);
        verify(messages).finish(c, DAY);
    }

    @Test
    void aFailedSendIsTriedAgainLaterThenBecomesADeadLetter() throws Exception {
        Lease<Message> first = claimed(0, DAY);
        doThrow(new IllegalStateException("provider down")).when(provider).send(any());
        at(DAY, "off").send(first);
        assertThat(first.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(first.item().sendAt()).isEqualTo(DAY.plusSeconds(10));
        assertThat(first.item().lastError()).contains("provider down");

        Lease<Message> last = claimed(1, DAY);
        at(DAY, "off").send(last);
        assertThat(last.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(last.item().attempts()).isEqualTo(2);
    }

    @Test
    void whatTheProviderReportedIsRecordedWithTheSentMessage() throws Exception {
        Lease<Message> c = claimed(0, DAY);
        when(provider.send(any())).thenReturn(Delivery.accepted("aliyun", "OK", "BIZ-1"));
        at(DAY, "off").send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.SENT);
        assertThat(c.item().delivery()).isEqualTo(Delivery.accepted("aliyun", "OK", "BIZ-1"));
    }

    @Test
    void aRejectionIsADeadLetterAtOnceWithTriesLeft() throws Exception {
        Lease<Message> c = claimed(0, DAY);
        doThrow(new DeliveryRejected("Aliyun SMS 200 isv.MOBILE_NUMBER_ILLEGAL: bad number",
                Delivery.rejected("aliyun", "isv.MOBILE_NUMBER_ILLEGAL", "REQ-1"))).when(provider).send(any());
        at(DAY, "off").send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.DEAD);
        assertThat(c.item().attempts()).isEqualTo(1);
        assertThat(c.item().lastError()).isEqualTo("Aliyun SMS 200 isv.MOBILE_NUMBER_ILLEGAL: bad number");
        assertThat(c.item().delivery().outcome()).isEqualTo(Delivery.Outcome.REJECTED);
        verify(messages).finish(c, DAY);
    }

    @Test
    void aQuotaFailureIsTriedAgainWithTheProvidersCodeRecorded() throws Exception {
        Lease<Message> c = claimed(0, DAY);
        doThrow(new DeliveryFailed("Aliyun SMS 200 isv.BUSINESS_LIMIT_CONTROL: limit",
                Delivery.failed("aliyun", "isv.BUSINESS_LIMIT_CONTROL", "REQ-2"))).when(provider).send(any());
        at(DAY, "off").send(c);
        assertThat(c.item().status()).isEqualTo(Message.Status.PENDING);
        assertThat(c.item().sendAt()).isEqualTo(DAY.plusSeconds(10));
        assertThat(c.item().lastError()).isEqualTo("Aliyun SMS 200 isv.BUSINESS_LIMIT_CONTROL: limit");
        assertThat(c.item().delivery()).isEqualTo(Delivery.failed("aliyun", "isv.BUSINESS_LIMIT_CONTROL", "REQ-2"));
    }
}
