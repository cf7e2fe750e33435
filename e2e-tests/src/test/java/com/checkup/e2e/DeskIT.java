package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hospital desk through the gateway: arrivals, check-in, capacity, each scoped to the desk's own hospital. */
@ExtendWith(E2ePlatform.class)
class DeskIT {
    @Test
    void aDeskChecksInTodaysPaidBookingOfItsOwnHospitalOnly() {
        LocalDate today = GatewayIT.inDays(0);
        Http.Response held = GatewayIT.hold("consumer1", "desk-" + UUID.randomUUID(), GatewayIT.holdBody(today, "H001-BASIC"), Map.of());
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        String id = held.json().get("bookingId").asText();
        assertThat(Http.post("desk.h001", "/api/desk/bookings/" + id + "/check-in", null).code()).as("unpaid").isEqualTo("CONFLICT");
        assertThat(Http.post("consumer1", "/api/app/orders/" + held.json().get("orderId").asText() + "/pay", Map.of("channel", "SIMULATED")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get("consumer1", "/api/app/bookings/" + id).json().get("status").asText().equals("CONFIRMED"));

        Http.Response otherDesk = Http.post("desk.h002", "/api/desk/bookings/" + id + "/check-in", null);
        assertThat(otherDesk.status()).isEqualTo(404);
        assertThat(Http.get("desk.h002", "/api/desk/arrivals").json().findValuesAsText("bookingId")).doesNotContain(id);
        assertThat(Http.get("consumer1", "/api/desk/arrivals").status()).isEqualTo(403);

        JsonNode arrivals = Http.get("desk.h001", "/api/desk/arrivals?date=" + today).json();
        assertThat(arrivals.findValuesAsText("bookingId")).contains(id);
        assertThat(arrivals.findValuesAsText("idNumberMasked")).allMatch(m -> m.contains("*"));

        // The examinee shows the short code from their booking; the desk checks in with it.
        String code = Http.get("consumer1", "/api/app/bookings/" + id).json().get("checkInCode").asText();
        assertThat(code).hasSize(8);
        Http.Response in = Http.post("desk.h001", "/api/desk/bookings/" + code + "/check-in", null);
        assertThat(in.json().get("bookingId").asText()).isEqualTo(id);
        assertThat(in.status()).as(in.toString()).isEqualTo(200);
        assertThat(in.json().get("status").asText()).isEqualTo("CHECKED_IN");
        assertThat(Http.get("consumer1", "/api/app/bookings/" + id).json().get("status").asText()).isEqualTo("CHECKED_IN");
    }

    @Test
    void aDeskSetsCapacityButNeverBelowWhatIsBooked() {
        LocalDate day = GatewayIT.inDays(12);
        Http.Response held = GatewayIT.hold("consumer2", "cap-" + UUID.randomUUID(), GatewayIT.holdBody(day, "H001-BASIC"), Map.of());
        assertThat(held.status()).as(held.toString()).isEqualTo(200);
        JsonNode rows = Http.get("desk.h001", "/api/desk/capacity?date=" + day).json();
        int used = 0;
        for (JsonNode r : rows) {
            if (r.get("period").asText().equals("MORNING") && r.get("resource").asText().equals("TOTAL")) {
                used = r.get("used").asInt();
            }
        }
        assertThat(used).isPositive();
        Http.Response tooLow = Http.send("PUT", "/api/desk/capacity", "desk.h001", Map.of(),
                Map.of("date", day.toString(), "period", "MORNING", "totals", Map.of("TOTAL", used - 1)));
        assertThat(tooLow.status()).isEqualTo(409);
        assertThat(tooLow.json().get("message").asText()).contains("booked");
        Http.Response ok = Http.send("PUT", "/api/desk/capacity", "desk.h001", Map.of(),
                Map.of("date", day.toString(), "period", "MORNING", "totals", Map.of("TOTAL", used + 30)));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        int expected = used + 30;
        assertThat(ok.json()).anySatisfy(r -> {
            assertThat(r.get("period").asText()).isEqualTo("MORNING");
            assertThat(r.get("resource").asText()).isEqualTo("TOTAL");
            assertThat(r.get("total").asInt()).isEqualTo(expected);
        });
        Http.Response badBody = Http.send("PUT", "/api/desk/capacity", "desk.h001", Map.of(),
                Map.of("date", day.toString(), "period", "MORNING", "totals", Map.of("TOTAL", "many")));
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(Http.send("PUT", "/api/desk/capacity", "consumer2", Map.of(), Map.of("date", day.toString())).status()).isEqualTo(403);
    }
}
