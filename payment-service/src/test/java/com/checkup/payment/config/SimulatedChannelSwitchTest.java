package com.checkup.payment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.payment.channel.PaymentChannels;
import com.checkup.payment.channel.SimulatedChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The simulated channel confirms every payment by itself: it must exist only where switched on, with a secret. */
class SimulatedChannelSwitchTest {

    private static AnnotationConfigApplicationContext context(String... properties) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String kv : properties) {
            p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", p));
        ctx.register(PaymentConfig.class);
        ctx.refresh();
        return ctx;
    }

    @Test
    void offUnlessSwitchedOnEvenWithASecret() {
        try (var ctx = context("checkup.payment.secrets.SIMULATED=some-secret")) {
            assertThat(ctx.getBeanNamesForType(SimulatedChannel.class)).isEmpty();
            PaymentChannels channels = ctx.getBean(PaymentChannels.class);
            assertThat(channels.find("SIMULATED")).isNull();
            assertThat(channels.secret("SIMULATED")).as("no callbacks accepted for it either").isNull();
        }
    }

    @Test
    void onWithASecret() {
        try (var ctx = context("checkup.payment.simulated.enabled=true", "checkup.payment.secrets.SIMULATED=s3cret")) {
            assertThat(ctx.getBeanNamesForType(SimulatedChannel.class)).hasSize(1);
            assertThat(ctx.getBean(PaymentChannels.class).find("simulated")).isNotNull();
            assertThat(ctx.getBean(PaymentChannels.class).secret("SIMULATED")).isEqualTo("s3cret");
        }
    }

    @Test
    void switchedOnWithoutASecretDoesNotStart() {
        assertThatThrownBy(() -> context("checkup.payment.simulated.enabled=true"))
                .hasStackTraceContaining("has no secret");
    }

    @Test
    void theShippedConfigurationHasNoSecretAndNoSimulatedChannel() throws Exception {
        String yml = new String(getClass().getResourceAsStream("/application.yml").readAllBytes());
        assertThat(yml).doesNotContain("secret:").doesNotContain("SIMULATED:").contains("enabled: false");
    }
}
