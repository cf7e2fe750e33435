package com.checkup.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.gateway.web.MultipartRefusal;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
