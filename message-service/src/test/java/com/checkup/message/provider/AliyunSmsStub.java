package com.checkup.message.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for Aliyun SMS's SendSms (Dysmsapi, RPC style) on 127.0.0.1, for tests. It checks a request the way
 * Aliyun does, independently of the provider's code: the signature re-computed here (its own RFC 3986 encoder), the
 * access key, the timestamp and nonce, the sign name, the template (registered code, every variable given) and the
 * mainland number; and answers with Aliyun's shapes: {@code {"Code":"OK","BizId":...}}, an {@code isv.*} code with
 * HTTP 200, signature and key errors with HTTP 400/404. A test can make the next answers a given error, a 5xx or no
 * answer at all (held until {@link #close}).
 */
final class AliyunSmsStub implements AutoCloseable {
    /** A request as received, parameters decoded. */
    record Received(Map<String, String> params, String answeredCode) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z]+)}");
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private final HttpServer server;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String signName;
    /** template code → its text with ${variables} */
    private final Map<String, String> templates;
    private final Set<String> nonces = new HashSet<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> scripted = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    AliyunSmsStub(String accessKeyId, String accessKeySecret, String signName, Map<String, String> templates) throws IOException {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.signName = signName;
        this.templates = Map.copyOf(templates);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * The next answer, whatever the request: an Aliyun code (e.g. {@code isv.BUSINESS_LIMIT_CONTROL}, answered as
     * Aliyun does), {@code HTTP_503} (an error page) or {@code HANG} (no answer until the stub closes).
     */
    void answerNext(String what) {
        scripted.add(what);
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            Map<String, String> p = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String next = scripted.isEmpty() ? null : scripted.remove(0);
            if ("HANG".equals(next)) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            if ("HTTP_503".equals(next)) {
                received.add(new Received(p, "HTTP_503"));
                answer(x, 503, "<html><body>Service Unavailable</body></html>", "text/html");
                return;
            }
            String[] outcome = next != null ? new String[] {"200", next, "scripted " + next} : check(x, p);
            received.add(new Received(p, outcome[1]));
            Map<String, String> body = new LinkedHashMap<>();
            body.put("RequestId", UUID.randomUUID().toString().toUpperCase());
            body.put("Code", outcome[1]);
            body.put("Message", outcome[2]);
            if (outcome[1].equals("OK")) {
                body.put("BizId", System.nanoTime() + "^0");
            }
            if (!outcome[0].equals("200")) {
                body.put("HostId", "dysmsapi.aliyuncs.com");
            }
            answer(x, Integer.parseInt(outcome[0]), json(body), "application/json;charset=utf-8");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {HTTP status, Code, Message} for a request as Aliyun would judge it. */
    private String[] check(HttpExchange x, Map<String, String> p) {
        if (!x.getRequestMethod().equals("POST")) {
            return new String[] {"400", "InvalidParameter", "POST expected"};
        }
        for (String required : List.of("AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp",
                "Action", "Version", "PhoneNumbers", "SignName", "TemplateCode")) {
            if (!p.containsKey(required)) {
                return new String[] {"400", "MissingParameter", "The input parameter \"" + required + "\" that is mandatory for processing this request is not supplied."};
            }
        }
        if (!p.get("AccessKeyId").equals(accessKeyId)) {
            return new String[] {"404", "InvalidAccessKeyId.NotFound", "Specified access key is not found."};
        }
        String stringToSign = "POST&%2F&" + encode(canonical(p));
        if (!"HMAC-SHA1".equals(p.get("SignatureMethod")) || !"1.0".equals(p.get("SignatureVersion"))
                || !hmacSha1(accessKeySecret + "&", stringToSign).equals(p.get("Signature"))) {
            return new String[] {"400", "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign};
        }
        Instant at = Instant.parse(p.get("Timestamp"));
        if (Duration.between(at, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            return new String[] {"400", "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."};
        }
        synchronized (nonces) {
            if (!nonces.add(p.get("SignatureNonce"))) {
                return new String[] {"400", "SignatureNonceUsed", "Specified signature nonce was used already."};
            }
        }
        if (!p.get("Action").equals("SendSms") || !p.get("Version").equals("2017-05-25")) {
            return new String[] {"400", "InvalidParameter", "Unexpected action or version"};
        }
        if (!p.get("SignName").equals(signName)) {
            return new String[] {"200", "isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名"};
        }
        String template = templates.get(p.get("TemplateCode"));
        if (template == null) {
            return new String[] {"200", "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板"};
        }
        if (!MAINLAND_MOBILE.matcher(p.get("PhoneNumbers")).matches()) {
            return new String[] {"200", "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"};
        }
        String params = p.getOrDefault("TemplateParam", "{}");
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            if (!params.contains("\"" + m.group(1) + "\":\"")) {
                return new String[] {"200", "isv.TEMPLATE_MISSING_PARAMETERS", "模板变量缺少对应参数值 " + m.group(1)};
            }
        }
        return new String[] {"200", "OK", "OK"};
    }

    private static void answer(HttpExchange x, int status, String body, String type) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Sorted by name (all ASCII: byte order), Signature left out, encoded and joined. */
    private static String canonical(Map<String, String> p) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(p).entrySet()) {
            if (e.getKey().equals("Signature")) {
                continue;
            }
            s.append(s.isEmpty() ? "" : "&").append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return s.toString();
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes, byte by byte: only A-Z a-z 0-9 - _ . ~ stay as they are. */
    private static String encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> fields) {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return s.append('}').toString();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
