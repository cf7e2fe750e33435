package com.checkup.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.gateway.web.MultipartRefusal;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.checkup.gateway.auth.Caller;
import com.checkup.gateway.auth.TokenCodec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerCodecConfigurer;

class GatewayConfigTest {
    @Test
    void theCodecCustomizerGivesTheServerCodecsTheMultipartRefusal() {
        ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
        new GatewayConfig().multipartRefusal().customize(codecs);
        assertThat(codecs.getReaders()).anyMatch(r -> r instanceof MultipartRefusal);
    }

    @Test
    void theGatewaysMapperStopsNestingItselfOneLevelAboveTheScannersLimit() throws Exception {
        ObjectMapper json = new GatewayConfig().gatewayJson();
        assertThat(json.readTree("[".repeat(65) + "]".repeat(65)).isArray()).isTrue();
        assertThatThrownBy(() -> json.readTree("[".repeat(30_000) + "]".repeat(30_000)))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void theTokenCodecBelievesTheAlsoAcceptedKeyAndRefusesToStartOnAMalformedOne() throws Exception {
        String current = newKey();
        String next = newKey();
        GatewayProperties rotating = new GatewayProperties();
        rotating.getJwt().setSecret(current);
        rotating.getJwt().setAlsoAccepted(List.of(" " + next + " ", ""));
        GatewayProperties issuingWithNext = new GatewayProperties();
        issuingWithNext.getJwt().setSecret(next);

        TokenCodec codec = new GatewayConfig().tokenCodec(rotating);
        String byNext = new GatewayConfig().tokenCodec(issuingWithNext).issue(new Caller("consumer1", "CONSUMER", null)).token;
        assertThat(codec.verify(byNext).userId()).isEqualTo("consumer1");

        rotating.getJwt().setAlsoAccepted(List.of(Base64.getEncoder().encodeToString(new byte[16])));
        assertThatThrownBy(() -> new GatewayConfig().tokenCodec(rotating)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHECKUP_GATEWAY_JWT_ALSOACCEPTED").hasMessageNotContaining("AAAA");
        rotating.getJwt().setAlsoAccepted(List.of("not base64!"));
        assertThatThrownBy(() -> new GatewayConfig().tokenCodec(rotating)).isInstanceOf(IllegalStateException.class);
        rotating.getJwt().setAlsoAccepted(List.of());
        rotating.getJwt().setSecret(Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> new GatewayConfig().tokenCodec(rotating)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHECKUP_JWT_SECRET");
    }

    @Test
    void theAlsoAcceptedKeysComeFromTheEnvironmentVariableTheDeploymentSets() {
        String a = newKey();
        String b = newKey();
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("deployment-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("CHECKUP_GATEWAY_JWT_ALSOACCEPTED", a + "," + b)));
        GatewayProperties bound = new Binder(ConfigurationPropertySources.from(env.getPropertySources()))
                .bind("checkup.gateway", GatewayProperties.class).get();
        assertThat(bound.getJwt().getAlsoAccepted()).containsExactly(a, b);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
