package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer's inbox through the gateway, on the platform as local-platform starts it: a long poll held by the
 * gateway (an asynchronous generic Dubbo call, no gateway thread held) and by message-service (an asynchronous
 * provider), answered when the consumer's booking is confirmed; bad cursors and waits; nobody sees another's notices.
 */
@ExtendWith(E2ePlatform.class)
class InboxIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void servicesDiscovered() {
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get("consumer1", "/api/app/inbox").status() == 200
                && Http.get("consumer1", "/api/app/hospitals").status() == 200);
    }

    @Test
    void aHeldPollIsAnsweredWhenTheConsumersBookingIsConfirmed() throws Exception {
        String user = "consumer2";
        JsonNode fresh = inbox(user, null, null);
        String cursor = fresh.get("cursor").asText();
        assertThat(fresh.get("items").size()).isLessThanOrEqualTo(20);

        // Held: nothing new for the consumer yet (or only older events of other tests trickling in: then poll on).
        long heldSince = System.nanoTime();
        CompletableFuture<HttpResponse<String>> held = pollAsync(user, cursor, 25);
        Thread.sleep(1500);
        if (!held.isDone()) {
            // While it waits, the gateway answers others at once: the held poll occupies no event-loop thread.
            long t0 = System.nanoTime();
            assertThat(Http.get("consumer1", "/api/app/hospitals").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        }

        LocalDate day = GatewayIT.inDays(11);
        Http.Response booked = GatewayIT.hold(user, "inbox-" + UUID.randomUUID(), GatewayIT.holdBody(day, "H001-BASIC"), Map.of());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
        String bookingId = booked.json().get("bookingId").asText();
        Http.Response paid = Http.post(user, "/api/app/orders/" + booked.json().get("orderId").asText() + "/pay", Map.of("channel", "SIMULATED"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);

        // Follow the cursor from the held poll on until the confirmation is there: it comes once, without a reload.
        List<JsonNode> seen = new ArrayList<>();
        JsonNode mine = null;
        long answeredAfterMs = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        CompletableFuture<HttpResponse<String>> poll = held;
        while (mine == null && System.nanoTime() < deadline) {
            HttpResponse<String> r = poll.get(40, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = Http.JSON.readTree(r.body());
            for (JsonNode n : page.get("items")) {
                seen.add(n);
                if (n.get("bookingId").asText().equals(bookingId) && n.get("kind").asText().equals("BOOKING_CONFIRMED")) {
                    mine = n;
                    answeredAfterMs = (System.nanoTime() - heldSince) / 1_000_000;
                }
            }
            if (page.get("items").size() == 0) {
                assertThat(page.get("cursor").asText()).as("nothing new: the same cursor").isEqualTo(cursor);
            }
            cursor = page.get("cursor").asText();
            if (mine == null) {
                poll = pollAsync(user, cursor, 25);
            }
        }
        assertThat(mine).as("the confirmation reached the inbox (seen: %s)", seen).isNotNull();
        assertThat(Http.get(user, "/api/app/bookings/" + bookingId).json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(seen.stream().map(n -> n.get("id").asText())).as("nothing twice").doesNotHaveDuplicates();
        assertThat(mine.get("hospitalId").asText()).isEqualTo("H001");
        assertThat(mine.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        JsonNode params = mine.get("params");
        assertThat(params.get("examDate").asText()).isEqualTo(day.toString());
        assertThat(params.get("period").asText()).isEqualTo("MORNING");
        assertThat(params.get("packageId").asText()).isEqualTo("H001-BASIC");
        assertThat(params.get("hospitalName").asText()).isEqualTo(name(Http.get(user, "/api/app/hospitals").json().get("items"), "hospitalId", "H001"));
        assertThat(params.get("packageName").asText())
                .isEqualTo(name(Http.get(user, "/api/app/hospitals/H001/packages").json(), "packageId", "H001-BASIC"));
        assertThat(mine.has("class")).isFalse();
        assertThat(answeredAfterMs).as("answered while held, within the wait").isLessThan(90_000);

        // Resuming from the last cursor: nothing repeats; a fresh start shows it among the latest.
        JsonNode after = inbox(user, cursor, 0);
        assertThat(after.get("items").findValuesAsText("id")).doesNotContainAnyElementsOf(seen.stream().map(n -> n.get("id").asText()).toList());
        assertThat(inbox(user, null, null).get("items").findValuesAsText("id")).contains(mine.get("id").asText());

        // Another consumer sees none of it, and cannot read on from this consumer's cursor.
        assertThat(latestBookingIds("consumer1")).doesNotContain(bookingId);
        Http.Response foreign = Http.get("consumer1", "/api/app/inbox?after=" + enc(cursor));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(foreign.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(foreign.json().get("message").asText()).startsWith("after");
    }

    @Test
    void aBadCursorOrWaitIsA400NamingIt() {
        String cursor = inbox("consumer1", null, null).get("cursor").asText();
        Map<String, String> bad = new HashMap<>();
        bad.put("after=nonsense", "after");
        bad.put("after=" + enc(cursor + "x"), "after");
        bad.put("after=" + enc("djF8MjAyNi0xMS0yMlQwODowMFp8TS0x"), "after");
        bad.put("after=" + enc(cursor) + "&wait=26", "wait");
        bad.put("after=" + enc(cursor) + "&wait=-1", "wait");
        bad.put("wait=1000", "wait");
        bad.forEach((query, field) -> {
            Http.Response r = Http.get("consumer1", "/api/app/inbox?" + query);
            assertThat(r.status()).as(query + ": " + r).isEqualTo(400);
            assertThat(r.code()).as(query).isEqualTo("VALIDATION_FAILED");
            assertThat(r.json().get("message").asText()).as(query).startsWith(field);
            assertThat(r.json().get("traceId").asText()).isNotBlank();
        });
        Http.Response notANumber = Http.get("consumer1", "/api/app/inbox?wait=soon");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("message").asText()).contains("wait");

        // The same cursor with no wait answers at once.
        assertThat(inbox("consumer1", cursor, 0).get("cursor").asText()).isNotBlank();
        assertThat(Http.get("desk.h001", "/api/app/inbox").status()).as("desks have no inbox here").isEqualTo(403);
        assertThat(Http.get("tester1", "/api/app/inbox").status()).isEqualTo(200);
        assertThat(Http.raw("GET", "/api/app/inbox", Map.of(), null).status()).isEqualTo(401);
    }

    @Test
    void aWaitThatEndsAnswersNothingWithTheSameCursorAndHeldPollsBlockNothing() throws Exception {
        String cursor = inbox("tester1", null, null).get("cursor").asText();
        // As many as message-service holds for one user (3), more than the gateway's event loop has threads (one per
        // core: 2 here).
        List<CompletableFuture<Long>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            held.add(pollAsync("tester1", cursor, 3).thenApply(r -> {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode page = read(r.body());
                if (page.get("items").size() > 0) {
                    return -1L; // tester1 got a notice meanwhile (another test booked): not a wait that ended
                }
                assertThat(page.get("cursor").asText()).isEqualTo(cursor);
                return (System.nanoTime() - t0) / 1_000_000;
            }));
        }
        Thread.sleep(500);
        long r0 = System.nanoTime();
        assertThat(Http.get("consumer1", "/api/app/hospitals").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - r0)).as("held polls hold no gateway thread").isLessThan(Duration.ofSeconds(2));
        assertThat(held).as("still waiting").noneMatch(CompletableFuture::isDone);
        for (CompletableFuture<Long> f : held) {
            long ms = f.get(30, TimeUnit.SECONDS);
            if (ms >= 0) {
                assertThat(ms).as("waited its 3 s (up to a tenth less)").isBetween(2650L, 10_000L);
            }
        }
    }

    private static JsonNode read(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static JsonNode inbox(String user, String after, Integer wait) {
        StringBuilder q = new StringBuilder("/api/app/inbox");
        String sep = "?";
        if (after != null) {
            q.append(sep).append("after=").append(enc(after));
            sep = "&";
        }
        if (wait != null) {
            q.append(sep).append("wait=").append(wait);
        }
        Http.Response r = Http.get(user, q.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> latestBookingIds(String user) {
        return inbox(user, null, null).get("items").findValuesAsText("bookingId");
    }

    private static CompletableFuture<HttpResponse<String>> pollAsync(String user, String after, int wait) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(E2ePlatform.gatewayUrl() + "/api/app/inbox?after=" + enc(after) + "&wait=" + wait))
                .timeout(Duration.ofSeconds(40)).header("Authorization", "Bearer " + Http.token(user)).GET().build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String name(JsonNode list, String idField, String id) {
        for (JsonNode n : list) {
            if (n.get(idField).asText().equals(id)) {
                return n.get("name").asText();
            }
        }
        throw new AssertionError(id + " not in " + list);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
