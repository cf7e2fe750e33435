package com.checkup.gateway.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.contracts.booking.HoldRequest;
import com.checkup.gateway.routes.RouteMatch;
import com.checkup.gateway.routes.RouteTable;
import com.checkup.gateway.routes.RouteTableTest;
import com.checkup.gateway.web.ApiError;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.commons.lang3.tuple.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class ParameterBinderTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static RouteTable routes;
    private final ParameterBinder binder = new ParameterBinder(JSON);

    @BeforeAll
    static void load() throws Exception {
        routes = RouteTable.parse(RouteTableTest.bundled());
    }

    private String bind(String method, String path, String query, HttpHeaders headers, String body) {
        RouteMatch m = routes.match(method, path);
        MultiValueMap<String, String> q = new LinkedMultiValueMap<>();
        if (query != null) {
            for (String kv : query.split("&")) {
                String[] p = kv.split("=", 2);
                q.add(p[0], p[1]);
            }
        }
        return binder.bind(m.route(), new ParameterBinder.Request(m.variables(), q, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String HOLD = "{\"hospitalId\":\"H001\",\"packageId\":\"H001-BASIC\",\"date\":\"2026-12-01\",\"period\":\"MORNING\","
            + "\"examinee\":{\"name\":\"Li\",\"gender\":\"FEMALE\",\"birthDate\":\"1949-12-31\",\"idNumber\":\"11010519491231002X\",\"phone\":\"13700001111\"}}";

    @Test
    void aHoldBindsTheBodyWithTheIdempotencyKeyFromItsHeader() throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.add("Idempotency-Key", "key-12345");
        String args = bind("POST", "/api/app/bookings", null, h, HOLD);
        Pair<String[], Object[]> p = new JsonArgumentResolver(JSON).buildParameter(args, routes.match("POST", "/api/app/bookings").route().parameterTypes());
        HoldRequest r = (HoldRequest) p.getRight()[0];
        assertThat(r.getIdempotencyKey()).isEqualTo("key-12345");
        assertThat(r.getExaminee().getIdNumber()).isEqualTo("11010519491231002X");
        assertThat(p.getLeft()).containsExactly("com.checkup.contracts.booking.HoldRequest");
    }

    @Test
    void payingPassesTheAddressTheRequestCameFromNotOneTheClientWrites() {
        RouteMatch m = routes.match("POST", "/api/app/orders/O-1/pay");
        HttpHeaders h = new HttpHeaders();
        h.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        h.add("X-Forwarded-For", "198.51.100.7");
        byte[] body = "{\"channel\":\"WECHAT_PAY\",\"clientAddress\":\"198.51.100.8\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] plain = "{\"channel\":\"WECHAT_PAY\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Neither a header nor a body field says where the payer is: only the connection does.
        String args = binder.bind(m.route(), new ParameterBinder.Request(m.variables(), new LinkedMultiValueMap<>(), h, body,
                "203.0.113.9"));
        Pair<String[], Object[]> p = new JsonArgumentResolver(JSON).buildParameter(args, m.route().parameterTypes());
        assertThat(p.getRight()).containsExactly("O-1", "WECHAT_PAY", "203.0.113.9");
        String unknown = binder.bind(m.route(), new ParameterBinder.Request(m.variables(), new LinkedMultiValueMap<>(), h, plain));
        assertThat(new JsonArgumentResolver(JSON).buildParameter(unknown, m.route().parameterTypes()).getRight()[2]).isNull();
    }

    @Test
    void aReportUploadPassesTheBodyBytesUntouched() {
        byte[] pdf = {'%', 'P', 'D', 'F', '-', 1, (byte) 0xff, 0, (byte) 0x80};
        RouteMatch m = routes.match("POST", "/api/desk/bookings/B-1/report");
        MultiValueMap<String, String> q = new LinkedMultiValueMap<>();
        q.add("fileName", "blood.pdf");
        String args = binder.bind(m.route(), new ParameterBinder.Request(m.variables(), q, new HttpHeaders(), pdf));
        Pair<String[], Object[]> p = new JsonArgumentResolver(JSON).buildParameter(args, m.route().parameterTypes());
        assertThat(p.getLeft()).containsExactly("java.lang.String", "java.lang.String", "byte[]");
        assertThat(p.getRight()[0]).isEqualTo("B-1");
        assertThat(p.getRight()[1]).isEqualTo("blood.pdf");
        assertThat((byte[]) p.getRight()[2]).isEqualTo(pdf);
        assertThat(m.route().getMaxBodyBytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void missingWrongAndUnknownInputIsA400ThatNamesIt() {
        assertThatThrownBy(() -> bind("POST", "/api/app/bookings", null, new HttpHeaders(), HOLD))
                .isInstanceOf(ApiError.class).hasMessageContaining("header 'Idempotency-Key'");
        HttpHeaders h = new HttpHeaders();
        h.add("Idempotency-Key", "key-12345");
        assertThatThrownBy(() -> bind("POST", "/api/app/bookings", null, h, HOLD.replace("\"name\":\"Li\"", "\"name\":{\"x\":1}")))
                .hasMessageContaining("examinee.name");
        assertThatThrownBy(() -> bind("POST", "/api/app/bookings", null, h, HOLD.replace("\"period\"", "\"perriod\"")))
                .hasMessageContaining("Unknown field 'perriod'");
        assertThatThrownBy(() -> bind("POST", "/api/app/bookings", null, h, "{oops"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> bind("POST", "/api/app/bookings", null, h, null))
                .hasMessageContaining("body is required");
        assertThatThrownBy(() -> bind("GET", "/api/app/availability", "hospitalId=H001&packageId=P&from=2026-12-01", new HttpHeaders(), null))
                .hasMessageContaining("query parameter 'to'");
        assertThatThrownBy(() -> bind("POST", "/api/app/orders/O1/pay", null, new HttpHeaders(), "{\"channel\": 7}"))
                .hasMessageContaining("body field 'channel' must be a string");
        ApiError e = (ApiError) org.assertj.core.api.Assertions.catchThrowable(() -> bind("POST", "/api/app/orders/O1/pay", null, new HttpHeaders(), "{}"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void aBodyNestedDeeperThan64IsA400BeforeJacksonParsesIt() {
        HttpHeaders h = new HttpHeaders();
        h.add("Idempotency-Key", "key-12345");
        String deep = HOLD.replace("\"name\":\"Li\"", "\"name\":" + "[".repeat(30_000) + "]".repeat(30_000));
        ApiError e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> bind("POST", "/api/app/bookings", null, h, deep), ApiError.class);
        assertThat(e.code()).isEqualTo("BAD_REQUEST");
        assertThat(e.getMessage()).contains("nests deeper than 64");
        // A body field route too, and just past the limit.
        String justPast = "{\"reason\":" + "{\"a\":".repeat(64) + "1" + "}".repeat(64) + "}";
        assertThatThrownBy(() -> bind("POST", "/api/app/bookings/B9/cancel", null, new HttpHeaders(), justPast))
                .isInstanceOf(ApiError.class).hasMessageContaining("nests deeper than 64");
    }

    @Test
    void theArgumentArrayIsDepthCheckedBeforeTheResolverParsesIt() {
        String deepArgs = "[" + "[".repeat(30_000) + "]".repeat(30_000) + "]";
        assertThatThrownBy(() -> new JsonArgumentResolver(JSON).buildParameter(deepArgs, "java.lang.String"))
                .isInstanceOf(ApiError.class).hasMessageContaining("nests deeper than 65");
    }

    @Test
    void aFormOrTextBodyOnAJsonRouteIsA415AndAFileRouteTakesAnyType() {
        HttpHeaders form = new HttpHeaders();
        form.add("Content-Type", "application/x-www-form-urlencoded");
        ApiError e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> bind("POST", "/api/app/orders/O1/pay", null, form, "channel=SIMULATED"), ApiError.class);
        assertThat(e.status()).isEqualTo(415);
        assertThat(e.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        HttpHeaders text = new HttpHeaders();
        text.add("Content-Type", "text/plain");
        assertThatThrownBy(() -> bind("POST", "/api/app/orders/O1/pay", null, text, "{\"channel\":\"SIMULATED\"}"))
                .isInstanceOf(ApiError.class).hasMessageContaining("application/json");
        HttpHeaders json = new HttpHeaders();
        json.add("Content-Type", "application/json; charset=UTF-8");
        assertThat(bind("POST", "/api/app/orders/O1/pay", null, json, "{\"channel\":\"SIMULATED\"}")).contains("SIMULATED");
        HttpHeaders vendorJson = new HttpHeaders();
        vendorJson.add("Content-Type", "application/vnd.checkup+json");
        assertThat(bind("POST", "/api/app/orders/O1/pay", null, vendorJson, "{\"channel\":\"SIMULATED\"}")).contains("SIMULATED");
        // An optional body field with no body: nothing to parse, so the declared type does not matter.
        assertThat(bind("POST", "/api/app/bookings/B9/cancel", null, form, null)).contains("B9");
        // A signed callback takes its body as text, whatever its type.
        HttpHeaders signedForm = new HttpHeaders();
        signedForm.add("Content-Type", "application/x-www-form-urlencoded");
        signedForm.add("X-Signature", "abc");
        assertThat(bind("POST", "/api/payments/callback/SIMULATED", null, signedForm, "a=1&b=2")).contains("a=1&b=2");
    }

    @Test
    void optionalFieldsPathVariablesAndRawBodies() throws Exception {
        JsonNode cancel = JSON.readTree(bind("POST", "/api/app/bookings/B9/cancel", null, new HttpHeaders(), null));
        assertThat(cancel.get(0).asText()).isEqualTo("B9");
        assertThat(cancel.get(1).isNull()).isTrue();
        HttpHeaders sig = new HttpHeaders();
        sig.add("X-Signature", "abc");
        JsonNode cb = JSON.readTree(bind("POST", "/api/payments/callback/SIMULATED", null, sig, "{\"raw\": true}"));
        assertThat(cb.get(0).asText()).isEqualTo("SIMULATED");
        assertThat(cb.get(1).asText()).isEqualTo("{\"raw\": true}");
        assertThat(cb.get(2).asText()).isEqualTo("abc");
    }
}
