package com.checkup.message.provider;

import com.checkup.message.app.Contacts;
import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import com.checkup.platform.events.Json;
import com.checkup.platform.privacy.Masking;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS through Aliyun SMS (Dysmsapi {@code SendSms}, the signed RPC-style HTTP API; no SDK): to the examinee's number
 * from {@link Contacts}, by template code (per event type, from configuration) and the message's values as
 * {@code TemplateParam}; our message id goes along as {@code OutId}. Aliyun's {@code Code} decides: {@code OK} is
 * accepted (its {@code BizId} recorded); a code in {@link #REJECTED} is a rejection, a dead letter at once (a bad
 * number, template, signature name or key: retrying cannot help); every other code, a 5xx, a timeout or a broken
 * connection is a failure tried again later (quotas and throttling clear with time).
 *
 * <p>Aliyun does not dedupe on OutId: the dispatcher's lease keeps two instances from sending one message at once, but a
 * crash between Aliyun's answer and our record of it sends that message again on the next try.
 */
public final class AliyunSmsProvider implements MessageProvider {
    public static final String NAME = "aliyun";
    /** Codes that mean "never": the message, the account or our configuration is wrong. */
    static final Set<String> REJECTED = Set.of(
            "isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_SIGN_ILLEGAL",
            "isv.TEMPLATE_MISSING_PARAMETERS", "isv.TEMPLATE_PARAMS_ILLEGAL", "isv.INVALID_PARAMETERS", "isv.INVALID_JSON_PARAM",
            "isv.PARAM_LENGTH_LIMIT", "isv.PARAM_NOT_SUPPORT_URL", "isv.MOBILE_COUNT_OVER_LIMIT", "isv.BLACK_KEY_CONTROL_LIMIT",
            "isv.DOMESTIC_NUMBER_NOT_SUPPORTED", "isv.ACCOUNT_NOT_EXISTS", "isv.ACCOUNT_ABNORMAL", "isv.DENY_IP_RANGE",
            "isp.RAM_PERMISSION_DENY", "Forbidden.RAM",
            "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive", "SignatureDoesNotMatch", "IncompleteSignature",
            "UnsupportedSignatureType", "MissingParameter", "InvalidParameter", "InvalidAction.NotFound", "InvalidVersion");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(AliyunSmsProvider.class);

    /**
     * Where and as whom: {@code endpoint} (https; plain http only to a loopback stub), the access key, the approved
     * signature name ({@code SignName}), event type → template code, and how long a call may take.
     */
    public record Settings(URI endpoint, String accessKeyId, String accessKeySecret, String signName, Map<String, String> templates,
                           Duration connectTimeout, Duration timeout) {
        public Settings {
            templates = Map.copyOf(templates);
        }

        @Override
        public String toString() { // never the secret
            return "Aliyun SMS at " + endpoint + " as " + accessKeyId + ", sign name " + signName + ", templates " + templates;
        }
    }

    private final Settings settings;
    private final Contacts contacts;
    private final Clock clock;
    private final HttpClient http;

    public AliyunSmsProvider(Settings settings, Contacts contacts, Clock clock) {
        this.settings = settings;
        this.contacts = contacts;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public Delivery send(Message m) throws Exception {
        String template = settings.templates().get(m.eventType());
        if (template == null) {
            throw new DeliveryRejected("No Aliyun SMS template for " + m.eventType() + " (checkup.message.sms.aliyun.templates."
                    + m.eventType() + ")", Delivery.rejected(NAME, "NO_TEMPLATE", null));
        }
        String phone = contacts.phone(m).orElseThrow(() -> new DeliveryRejected("No phone number for " + m.recipient(),
                Delivery.rejected(NAME, "NO_ADDRESS", null)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "SendSms");
        params.put("Version", "2017-05-25");
        params.put("RegionId", "cn-hangzhou");
        params.put("Format", "JSON");
        params.put("AccessKeyId", settings.accessKeyId());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("Timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        params.put("PhoneNumbers", phone);
        params.put("SignName", settings.signName());
        params.put("TemplateCode", template);
        params.put("TemplateParam", templateParam(m.values()));
        params.put("OutId", m.id());
        String body = "Signature=" + AliyunSignature.percentEncode(AliyunSignature.sign("POST", params, settings.accessKeySecret()))
                + "&" + AliyunSignature.canonicalQuery(params);
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailed("Aliyun SMS did not answer within " + settings.timeout(), Delivery.failed(NAME, "TIMEOUT", null), e);
        } catch (IOException e) {
            throw new DeliveryFailed("Aliyun SMS unreachable: " + e, Delivery.failed(NAME, "UNREACHABLE", null), e);
        }
        return outcome(m, phone, response);
    }

    private Delivery outcome(Message m, String phone, HttpResponse<String> response) throws DeliveryRejected, DeliveryFailed {
        JsonNode answer = json(response.body());
        String code = text(answer, "Code");
        String requestId = text(answer, "RequestId");
        if (response.statusCode() == 200 && "OK".equals(code)) {
            String bizId = text(answer, "BizId");
            log.info("{} accepted by Aliyun SMS for {}: BizId {}", m.id(), Masking.phone(phone), bizId);
            return Delivery.accepted(NAME, code, bizId);
        }
        String why = "Aliyun SMS " + response.statusCode() + " " + (code == null ? "(no code)" : code) + ": "
                + scrub(text(answer, "Message"), phone) + (requestId == null ? "" : " (RequestId " + requestId + ")");
        if (code != null && REJECTED.contains(code)) {
            throw new DeliveryRejected(why, Delivery.rejected(NAME, code, requestId));
        }
        throw new DeliveryFailed(why, Delivery.failed(NAME, code == null ? "HTTP_" + response.statusCode() : code, requestId));
    }

    /** The message's values as Aliyun's TemplateParam (a JSON object; template variables are named like our placeholders). */
    static String templateParam(Map<String, String> values) {
        try {
            return Json.MAPPER.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Aliyun's message as we keep it: without the number, and without the string to sign SignatureDoesNotMatch echoes
     * (it holds every parameter: the number, and template values such as an entitlement code).
     */
    static String scrub(String message, String phone) {
        if (message == null) {
            return "";
        }
        int echo = message.indexOf("server string to sign");
        String s = echo >= 0 ? message.substring(0, echo).trim() : message;
        return s.replace(phone, Masking.phone(phone));
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null; // a gateway's HTML error page: the status decides
        }
    }

    private static String text(JsonNode n, String field) {
        return n == null || !n.hasNonNull(field) ? null : n.get(field).asText();
    }
}
