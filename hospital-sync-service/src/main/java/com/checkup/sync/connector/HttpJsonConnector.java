package com.checkup.sync.connector;

import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.flags.ConnectorHosts;
import com.checkup.platform.events.Json;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.sync.domain.ConnectorSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hospital system with a JSON HTTP API: {@code PUT {base}/bookings/{id}} (the booking id is the hospital's key, so
 * a repeat is the same booking), {@code DELETE {base}/bookings/{id}}; each with an {@code Idempotency-Key}; and
 * {@code GET {base}/bookings/{id}} → {@code {"state": ...}}. Any answer but 2xx, and no answer within the hospital's
 * timeout, is a failure.
 */
public final class HttpJsonConnector implements HospitalConnector {
    private final HttpClient http;
    private final ConnectorHosts hosts;

    public HttpJsonConnector(HttpClient http, ConnectorHosts hosts) {
        this.http = http;
        this.hosts = hosts;
    }

    @Override
    public ConnectorSpec.Kind kind() {
        return ConnectorSpec.Kind.HTTP_JSON;
    }

    @Override
    public void push(ConnectorSpec spec, BookingView b, String idempotencyKey) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bookingId", b.getBookingId());
        body.put("packageId", b.getPackageId());
        body.put("date", b.getDate());
        body.put("period", b.getPeriod());
        body.put("examineeName", b.getExamineeName());
        body.put("idNumberMasked", b.getIdNumberMasked());
        body.put("phoneMasked", b.getPhoneMasked());
        body.put("checkInCode", b.getCheckInCode());
        send(HttpRequest.newBuilder(url(spec, b.getBookingId()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .header("Content-Type", "application/json"), spec, idempotencyKey);
    }

    @Override
    public void cancel(ConnectorSpec spec, String bookingId, String idempotencyKey) throws Exception {
        send(HttpRequest.newBuilder(url(spec, bookingId)).DELETE(), spec, idempotencyKey);
    }

    @Override
    public String status(ConnectorSpec spec, String bookingId) throws Exception {
        String body = send(HttpRequest.newBuilder(url(spec, bookingId)).GET().header("Accept", "application/json"), spec, null);
        String state = Json.MAPPER.readTree(body).path("state").asText("");
        if (state.isEmpty()) {
            throw new IOException("The hospital's answer has no state: " + RetryPolicy.clip(body));
        }
        return state;
    }

    private String send(HttpRequest.Builder request, ConnectorSpec spec, String idempotencyKey)
            throws IOException, InterruptedException {
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (spec.credentials() != null) {
            spec.credentials().apply(request);
        }
        HttpRequest built = request.timeout(spec.timeout()).build();
        if (!hosts.allows(built.uri())) {
            // A failure like any other (retried, then a fulfillment task): the booking is never dropped, and nothing
            // about the examinee leaves for a host the deployment does not name.
            throw new IOException("Host " + built.uri().getHost() + " is not an allowed hospital system host ("
                    + "checkup.sync.connector-hosts)");
        }
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        String text = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " " + (text.length() > 200 ? text.substring(0, 200) : text));
        }
        return text;
    }

    private static URI url(ConnectorSpec spec, String bookingId) {
        return URI.create(spec.baseUrl() + "/bookings/" + bookingId);
    }
}
