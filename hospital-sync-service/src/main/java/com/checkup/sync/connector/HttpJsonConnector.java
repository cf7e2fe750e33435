package com.checkup.sync.connector;

import com.checkup.contracts.booking.BookingView;
import com.checkup.platform.events.Json;
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
 * a repeat is the same booking), {@code DELETE {base}/bookings/{id}}; each with an {@code Idempotency-Key}. Any
 * answer but 2xx, and no answer within the hospital's timeout, is a failure.
 */
public final class HttpJsonConnector implements HospitalConnector {
    private final HttpClient http;

    public HttpJsonConnector(HttpClient http) {
        this.http = http;
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

    private void send(HttpRequest.Builder request, ConnectorSpec spec, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(spec.timeout()).header("Idempotency-Key", idempotencyKey)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body();
            throw new IOException("HTTP " + response.statusCode() + " " + (text.length() > 200 ? text.substring(0, 200) : text));
        }
    }

    private static URI url(ConnectorSpec spec, String bookingId) {
        return URI.create(spec.baseUrl() + "/bookings/" + bookingId);
    }
}
