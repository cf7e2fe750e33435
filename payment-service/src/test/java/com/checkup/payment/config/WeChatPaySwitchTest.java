package com.checkup.payment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.payment.channel.PaymentChannels;
import com.checkup.payment.channel.wechatpay.WeChatPayChannel;
import com.checkup.simulator.wechatpay.WeChatPayKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** WeChat Pay exists only where switched on with every key, and never beside an HMAC secret for its name. */
class WeChatPaySwitchTest {
    private static final KeyPair MERCHANT = WeChatPayKeys.newRsaKeyPair();
    private static final KeyPair PLATFORM = WeChatPayKeys.newRsaKeyPair();

    private static List<String> complete() {
        return new ArrayList<>(List.of("checkup.payment.wechatpay.enabled=true", "checkup.payment.wechatpay.mch-id=1230000109",
                "checkup.payment.wechatpay.app-id=wx0001", "checkup.payment.wechatpay.merchant-serial=ABCDEF",
                "checkup.payment.wechatpay.private-key=" + WeChatPayKeys.pem(MERCHANT.getPrivate()),
                "checkup.payment.wechatpay.api-v3-key=" + WeChatPayKeys.newApiV3Key(),
                "checkup.payment.wechatpay.platform-public-key=" + WeChatPayKeys.pem(PLATFORM.getPublic()),
                "checkup.payment.wechatpay.platform-public-key-id=PUB_KEY_ID_1",
                "checkup.payment.wechatpay.notify-url=https://checkup.example/api/payments/notify/WECHAT_PAY"));
    }

    private static AnnotationConfigApplicationContext context(List<String> properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String kv : properties) {
            p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", p));
        ctx.registerBean(Clock.class, Clock::systemUTC);
        ctx.register(PaymentConfig.class);
        ctx.refresh();
        return ctx;
    }

    @Test
    void onWithEveryKey() {
        try (var ctx = context(complete())) {
            PaymentChannels channels = ctx.getBean(PaymentChannels.class);
            assertThat(channels.find("wechat_pay")).isInstanceOf(WeChatPayChannel.class);
            assertThat(channels.find("WECHAT_PAY").takesHmacCallbacks()).isFalse();
        }
    }

    @Test
    void offUnlessSwitchedOn() {
        List<String> p = complete();
        p.remove(0);
        try (var ctx = context(p)) {
            assertThat(ctx.getBean(PaymentChannels.class).find("WECHAT_PAY")).isNull();
        }
    }

    @Test
    void switchedOnWithAKeyMissingDoesNotStartAndSaysWhich() {
        List<String> p = complete();
        p.removeIf(kv -> kv.startsWith("checkup.payment.wechatpay.api-v3-key="));
        assertThatThrownBy(() -> context(p)).hasStackTraceContaining("checkup.payment.wechatpay.api-v3-key");
    }

    @Test
    void anHmacSecretForItsNameDoesNotStart() {
        List<String> p = complete();
        p.add("checkup.payment.secrets.WECHAT_PAY=would-let-callbacks-skip-the-signature");
        assertThatThrownBy(() -> context(p)).hasStackTraceContaining("verifies its own notifications");
    }

    @Test
    void plainHttpOnlyToLoopback() {
        List<String> p = complete();
        p.add("checkup.payment.wechatpay.base-url=http://api.example.com");
        assertThatThrownBy(() -> context(p)).hasStackTraceContaining("must be https");
        List<String> local = complete();
        local.add("checkup.payment.wechatpay.base-url=http://127.0.0.1:9301");
        try (var ctx = context(local)) {
            assertThat(ctx.getBean(PaymentChannels.class).find("WECHAT_PAY")).isNotNull();
        }
    }
}
