package com.checkup.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

public class RouteTableTest {
    public static String bundled() throws IOException {
        try (InputStream in = RouteTableTest.class.getClassLoader().getResourceAsStream("gateway/routes.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBundledRoutesParseAndMatchByMethodAndPath() throws IOException {
        RouteTable t = RouteTable.parse(bundled());
        assertThat(t.match("GET", "/api/app/bookings").route().getCall()).isEqualTo("mine");
        assertThat(t.match("POST", "/api/app/bookings").route().getCall()).isEqualTo("hold");
        RouteMatch cancel = t.match("POST", "/api/app/bookings/B123/cancel");
        assertThat(cancel.route().getId()).isEqualTo("cancel");
        assertThat(cancel.variables()).containsEntry("id", "B123");
        assertThat(t.match("GET", "/api/app/bookings/B%2042").variables()).containsEntry("id", "B 42");
        assertThat(t.match("GET", "/api/app/hospitals/").route().getId()).isEqualTo("hospitals");
        assertThat(t.match("DELETE", "/api/app/bookings")).isNull();
        assertThat(t.methodsFor("/api/app/bookings")).containsExactlyInAnyOrder("GET", "POST");
        assertThat(t.match("GET", "/api/app/bookings/a/b")).isNull();
        assertThat(t.match("POST", "/api/payments/callback/SIMULATED").route().isOpen()).isTrue();
        assertThat(t.services()).contains("com.checkup.contracts.booking.BookingService", "com.checkup.contracts.payment.PaymentService");
    }

    @Test
    void aBadDocumentIsRefusedWithTheReason() {
        assertThatThrownBy(() -> RouteTable.parse("{\"routes\":[{\"id\":\"a\",\"method\":\"GET\",\"path\":\"/x\",\"local\":\"login\",\"open\":true},"
                + "{\"id\":\"a\",\"method\":\"GET\",\"path\":\"/y\",\"local\":\"login\",\"open\":true}]}")).hasMessageContaining("two routes with id");
        assertThatThrownBy(() -> RouteTable.parse("{\"routes\":[{\"id\":\"a\",\"method\":\"GET\",\"path\":\"/x\",\"local\":\"lanes\",\"personas\":[\"KING\"]}]}"))
                .hasMessageContaining("unknown persona");
        assertThatThrownBy(() -> RouteTable.parse("{\"routes\":[{\"id\":\"a\",\"method\":\"GET\",\"path\":\"/x\",\"local\":\"lanes\"}]}"))
                .hasMessageContaining("needs personas");
        assertThatThrownBy(() -> RouteTable.parse("{\"routes\":[{\"id\":\"a\",\"method\":\"POST\",\"path\":\"/x\",\"service\":\"S\",\"call\":\"c\","
                + "\"personas\":[\"OPS\"],\"retries\":1}]}")).hasMessageContaining("retries");
        assertThatThrownBy(() -> RouteTable.parse("{\"routes\":[{\"id\":\"a\",\"method\":\"GET\",\"path\":\"/x\",\"service\":\"S\",\"call\":\"c\","
                + "\"personas\":[\"OPS\"],\"params\":[{\"type\":\"java.lang.String\",\"from\":\"path:id\"}]}]}")).hasMessageContaining("no {id}");
        assertThatThrownBy(() -> RouteTable.parse("{\"routes\":[{\"id\":\"a\",\"method\":\"GET\",\"path\":\"/x\",\"service\":\"S\",\"call\":\"c\","
                + "\"personas\":[\"OPS\"],\"params\":[{\"type\":\"com.nowhere.Type\",\"from\":\"body\"}]}]}")).hasMessageContaining("classpath");
        assertThatThrownBy(() -> RouteTable.parse("{\"plugins\":{\"checkupAuth\":false}}")).hasMessageContaining("cannot be switched");
        assertThatThrownBy(() -> RouteTable.parse("{\"routes\": [")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RouteTable.parse("{\"routez\": []}")).hasMessageContaining("not valid JSON");
    }
}
