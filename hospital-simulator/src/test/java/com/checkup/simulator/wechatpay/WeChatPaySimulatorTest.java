package com.checkup.simulator.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** The simulator's control API, and that it refuses a request not signed with the merchant's key. */
class WeChatPaySimulatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBehaviourChangeTouchesOnlyTheFieldsGivenAndUnsignedCallsAreRefused() throws Exception {
        KeyPair merchant = WeChatPayKeys.newRsaKeyPair();
        KeyPair platform = WeChatPayKeys.newRsaKeyPair();
        try (WeChatPaySimulator sim = WeChatPaySimulator.start(0, new WeChatPaySimulator.Merchant("1230000109", "wx1", "SERIAL",
                merchant.getPublic(), WeChatPayKeys.newApiV3Key()), platform.getPrivate(), "PUB_KEY_ID_1")) {
            String control = sim.baseUrl() + "/control/wechatpay";
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(control))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"duplicates\":2,\"tamper\":true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(204);
            JsonNode b = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(control)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("behaviour");
            assertThat(b.get("duplicates").asInt()).isEqualTo(2);
            assertThat(b.get("tamper").asBoolean()).isTrue();
            assertThat(b.get("autoPay").asBoolean()).as("left as it was").isTrue();
            assertThat(b.get("delayMs").asLong()).as("left as it was").isEqualTo(1000);

            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(control)).PUT(HttpRequest.BodyPublishers.ofString("{\"nope\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);

            HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v3/pay/transactions/h5"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(unsigned.body()).contains("SIGN_ERROR");
            assertThat(sim.badSignatures()).isEqualTo(1);
        }
    }
}
