package com.checkup.simulator.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay API v3 on 127.0.0.1, for one merchant, with its own platform key: what the official SDK talks to when
 * its host is pointed here, so the SDK runs unmodified (it signs each request, we check; we sign each answer and
 * notification, it checks; notification resources are AES-256-GCM encrypted with the merchant's API v3 key).
 * <ul>
 *   <li>{@code POST /v3/pay/transactions/h5}: an H5 prepay order ({@code out_trade_no} is ours) → {@code h5_url};</li>
 *   <li>{@code GET /v3/pay/transactions/out-trade-no/{no}?mchid=}: the order as the channel sees it;</li>
 *   <li>{@code POST /v3/pay/transactions/out-trade-no/{no}/close} {@code {"mchid"}}: an unpaid order is closed (the
 *       payer can no longer pay it), 204 also when it was closed before or does not exist, as WeChat answers; a paid
 *       one answers 400 {@code ORDERPAID};</li>
 *   <li>{@code POST /v3/refund/domestic/refunds}, {@code GET /v3/refund/domestic/refunds/{out_refund_no}}.</li>
 * </ul>
 * The payer pays by themselves after {@link Behaviour#delayMs()} (or when told, {@link #pay}); then a
 * {@code TRANSACTION.SUCCESS} notification goes to the order's notify URL, retried on anything but 2xx as WeChat
 * does (faster). A refund completes the same way with {@code REFUND.SUCCESS}. Tests and demos steer it with
 * {@link #behave} (duplicates, tampered copies sent first, dropped notifications, failing API calls) and
 * {@link #resendAll} (every notification sent so far again, newest first: late and out of order); the same over
 * HTTP: {@code PUT /control/wechatpay} (fields of a {@link Behaviour} as JSON; those left out stay as they are),
 * {@code GET /control/wechatpay},
 * {@code POST /control/wechatpay/resend}, {@code POST /control/wechatpay/orders/{no}/pay}.
 */
public final class WeChatPaySimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WeChatPaySimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    private static final Pattern AUTH_FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern ORDER_PATH = Pattern.compile("^/v3/pay/transactions/out-trade-no/([A-Za-z0-9_*|-]{6,32})$");
    private static final Pattern CLOSE_PATH = Pattern.compile("^/v3/pay/transactions/out-trade-no/([A-Za-z0-9_*|-]{6,32})/close$");
    private static final Pattern REFUND_PATH = Pattern.compile("^/v3/refund/domestic/refunds/([A-Za-z0-9_*|@-]{1,64})$");
    private static final Pattern CONTROL_PAY = Pattern.compile("^/control/wechatpay/orders/([A-Za-z0-9_*|-]{6,32})/pay$");

    /** The merchant this channel serves: its id, app, the serial and public half of its API key, its API v3 key. */
    public record Merchant(String mchId, String appId, String serialNo, PublicKey publicKey, String apiV3Key) {
    }

    /**
     * How the channel behaves now.
     *
     * @param autoPay   the payer pays by themselves {@code delayMs} after the prepay order
     * @param delayMs   until the payer pays, and until a refund completes
     * @param duplicates extra copies of each notification
     * @param tamper    send a copy altered after signing before each genuine notification
     * @param drop      send no notifications at all (the merchant has to ask: query)
     * @param failNext  answer this many API calls with 500 SYSTEM_ERROR
     * @param slowMs    answer API calls this much later (timeouts)
     */
    public record Behaviour(boolean autoPay, long delayMs, int duplicates, boolean tamper, boolean drop, int failNext,
                            long slowMs) {
        public static Behaviour normal() {
            return new Behaviour(true, 1000, 0, false, false, 0, 0);
        }

        public Behaviour withDelay(long ms) {
            return new Behaviour(autoPay, ms, duplicates, tamper, drop, failNext, slowMs);
        }
    }

    /** What was delivered: notifications sent (each attempt) and how the merchant answered. */
    public record Delivery(String eventType, String outTradeNo, boolean tampered, int status) {
    }

    private static final class Order {
        final String outTradeNo;
        final String appId;
        final long total;
        final String attach;
        final String notifyUrl;
        final String description;
        final String payerAddress;
        volatile String state = "NOTPAY";
        volatile String transactionId;
        volatile String successTime;

        Order(String outTradeNo, String appId, long total, String attach, String notifyUrl, String description,
              String payerAddress) {
            this.payerAddress = payerAddress;
            this.outTradeNo = outTradeNo;
            this.appId = appId;
            this.total = total;
            this.attach = attach;
            this.notifyUrl = notifyUrl;
            this.description = description;
        }
    }

    private static final class Refund {
        final String outRefundNo;
        final String refundId = "50" + System.nanoTime();
        final Order order;
        final long amount;
        final String notifyUrl;
        final String createTime = now();
        volatile String status = "PROCESSING";
        volatile String successTime;

        Refund(String outRefundNo, Order order, long amount, String notifyUrl) {
            this.outRefundNo = outRefundNo;
            this.order = order;
            this.amount = amount;
            this.notifyUrl = notifyUrl;
        }
    }

    /** A notification as signed, kept so it can be sent again. */
    private record Sent(String url, String eventType, String outTradeNo, String body) {
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Merchant merchant;
    private final PrivateKey platformKey;
    private final String platformKeyId;
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile Behaviour behaviour = Behaviour.normal();

    private WeChatPaySimulator(HttpServer server, ExecutorService pool, Merchant merchant, PrivateKey platformKey,
                               String platformKeyId) {
        this.server = server;
        this.pool = pool;
        this.merchant = merchant;
        this.platformKey = platformKey;
        this.platformKeyId = platformKeyId;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wechatpay-simulator-timer"));
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port) for one merchant, signing with {@code platformKey}. */
    public static WeChatPaySimulator start(int port, Merchant merchant, PrivateKey platformKey, String platformKeyId)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> daemon(r, "wechatpay-simulator"));
        WeChatPaySimulator sim = new WeChatPaySimulator(server, pool, merchant, platformKey, platformKeyId);
        server.setExecutor(pool);
        server.createContext("/", sim::handle);
        server.start();
        log.info("WeChat Pay simulator on {} for merchant {}", sim.baseUrl(), merchant.mchId());
        return sim;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Where the SDK's {@code https://api.mch.weixin.qq.com} is to point. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void behave(Behaviour b) {
        behaviour = b;
        failNext.set(b.failNext());
    }

    /** The payer pays now (an order still NOTPAY); false when there is no such unpaid order. */
    public boolean pay(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        if (o == null || !"NOTPAY".equals(o.state)) {
            return false;
        }
        synchronized (o) {
            if (!"NOTPAY".equals(o.state)) {
                return false;
            }
            o.transactionId = "42" + System.nanoTime();
            o.successTime = now();
            o.state = "SUCCESS";
        }
        notifyMerchant(o.notifyUrl, "TRANSACTION.SUCCESS", "支付成功", "transaction", o.outTradeNo, transaction(o));
        return true;
    }

    /** Sends every notification sent so far again, newest first (late, and out of order). */
    public int resendAll() {
        List<Sent> all = new ArrayList<>(sent);
        java.util.Collections.reverse(all);
        all.forEach(s -> deliver(s, false, 0));
        return all.size();
    }

    /** The trade state of an order (NOTPAY, SUCCESS, CLOSED, REFUND), or null. */
    public String tradeState(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        return o == null ? null : o.state;
    }

    /** The payer's address the merchant sent with the prepay order ({@code scene_info.payer_client_ip}), or null. */
    public String payerAddress(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        return o == null ? null : o.payerAddress;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Requests refused because their signature did not verify with the merchant's key. */
    public int badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            byte[] raw = ex.getRequestBody().readNBytes(64 * 1024);
            String body = new String(raw, StandardCharsets.UTF_8);
            if (path.startsWith("/control/wechatpay")) {
                control(ex, method, path, body);
                return;
            }
            if (path.startsWith("/pay/h5")) {
                plain(ex, 200, "WeChat Pay simulator: the payer pays here (POST /control/wechatpay/orders/{no}/pay)");
                return;
            }
            if (!authorized(ex, method, body)) {
                badSignatures.incrementAndGet();
                signed(ex, 401, error("SIGN_ERROR", "签名错误"));
                return;
            }
            if (behaviour.slowMs() > 0) {
                try {
                    Thread.sleep(behaviour.slowMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                signed(ex, 500, error("SYSTEM_ERROR", "系统错误"));
                return;
            }
            Matcher m;
            if ("POST".equals(method) && "/v3/pay/transactions/h5".equals(path)) {
                prepay(ex, body);
            } else if ("GET".equals(method) && (m = ORDER_PATH.matcher(path)).matches()) {
                Order o = orders.get(m.group(1));
                if (o == null) {
                    signed(ex, 404, error("ORDER_NOT_EXIST", "订单不存在"));
                } else {
                    signed(ex, 200, transaction(o));
                }
            } else if ("POST".equals(method) && (m = CLOSE_PATH.matcher(path)).matches()) {
                close(ex, m.group(1), body);
            } else if ("POST".equals(method) && "/v3/refund/domestic/refunds".equals(path)) {
                refund(ex, body);
            } else if ("GET".equals(method) && (m = REFUND_PATH.matcher(path)).matches()) {
                Refund r = refunds.get(m.group(1));
                if (r == null) {
                    signed(ex, 404, error("RESOURCE_NOT_EXISTS", "退款单不存在"));
                } else {
                    signed(ex, 200, refundView(r, false));
                }
            } else {
                signed(ex, 404, error("NOT_FOUND", "No such API here: " + method + " " + path));
            }
        } catch (RuntimeException e) {
            log.warn("WeChat Pay simulator failed a request: {}", e.toString());
        }
    }

    /** The merchant's request signature (Authorization: WECHATPAY2-SHA256-RSA2048 mchid=..., signature=...). */
    private boolean authorized(HttpExchange ex, String method, String body) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith(SCHEMA + " ")) {
            return false;
        }
        Map<String, String> f = new java.util.HashMap<>();
        Matcher m = AUTH_FIELD.matcher(auth.substring(SCHEMA.length() + 1));
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        String ts = f.get("timestamp");
        if (!merchant.mchId().equals(f.get("mchid")) || !merchant.serialNo().equals(f.get("serial_no")) || ts == null
                || !ts.matches("\\d{1,12}") || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts)) > 300) {
            return false;
        }
        URI uri = ex.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String message = method + "\n" + target + "\n" + ts + "\n" + f.get("nonce_str") + "\n" + body + "\n";
        return f.get("signature") != null && WeChatPayKeys.verify(merchant.publicKey(), message, f.get("signature"));
    }

    private void prepay(HttpExchange ex, String body) throws IOException {
        JsonNode j = JSON.readTree(body.isEmpty() ? "{}" : body);
        String no = j.path("out_trade_no").asText("");
        long total = j.path("amount").path("total").asLong(0);
        String notifyUrl = j.path("notify_url").asText("");
        if (!merchant.mchId().equals(j.path("mchid").asText()) || !merchant.appId().equals(j.path("appid").asText())) {
            signed(ex, 400, error("APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配"));
            return;
        }
        if (!no.matches("[A-Za-z0-9_*|-]{6,32}") || total <= 0 || !notifyUrl.startsWith("http")
                || j.path("scene_info").path("payer_client_ip").asText("").isEmpty()
                || j.path("description").asText("").isEmpty()) {
            signed(ex, 400, error("PARAM_ERROR", "参数错误"));
            return;
        }
        Order fresh = new Order(no, j.path("appid").asText(), total, j.path("attach").asText(null), notifyUrl,
                j.path("description").asText(), j.path("scene_info").path("payer_client_ip").asText());
        Order o = orders.computeIfAbsent(no, k -> fresh);
        if (o != fresh && o.total != total) {
            signed(ex, 400, error("INVALID_REQUEST", "商户订单号重复"));
            return;
        }
        if (o == fresh && behaviour.autoPay()) {
            timer.schedule(() -> pool.execute(() -> pay(no)), behaviour.delayMs(), TimeUnit.MILLISECONDS);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("h5_url", baseUrl() + "/pay/h5?prepay_id=wx" + Math.abs(no.hashCode()));
        signed(ex, 200, answer);
    }

    private void close(HttpExchange ex, String outTradeNo, String body) throws IOException {
        JsonNode j = JSON.readTree(body.isEmpty() ? "{}" : body);
        if (!merchant.mchId().equals(j.path("mchid").asText())) {
            signed(ex, 400, error("PARAM_ERROR", "参数错误"));
            return;
        }
        Order o = orders.get(outTradeNo);
        if (o != null) {
            synchronized (o) {
                if ("NOTPAY".equals(o.state)) {
                    o.state = "CLOSED";
                } else if (!"CLOSED".equals(o.state)) {
                    signed(ex, 400, error("ORDERPAID", "订单已支付"));
                    return;
                }
            }
        }
        signHeaders(ex, "");
        ex.sendResponseHeaders(204, -1);
    }

    private void refund(HttpExchange ex, String body) throws IOException {
        JsonNode j = JSON.readTree(body.isEmpty() ? "{}" : body);
        String outRefundNo = j.path("out_refund_no").asText("");
        Order o = orders.get(j.path("out_trade_no").asText(""));
        long amount = j.path("amount").path("refund").asLong(0);
        if (o == null) {
            signed(ex, 404, error("RESOURCE_NOT_EXISTS", "订单不存在"));
            return;
        }
        if (outRefundNo.isEmpty() || amount <= 0 || amount > o.total || j.path("amount").path("total").asLong(-1) != o.total
                || !"CNY".equals(j.path("amount").path("currency").asText())) {
            signed(ex, 400, error("PARAM_ERROR", "参数错误"));
            return;
        }
        if (!"SUCCESS".equals(o.state) && !"REFUND".equals(o.state)) {
            signed(ex, 400, error("INVALID_REQUEST", "订单未支付"));
            return;
        }
        Refund fresh = new Refund(outRefundNo, o, amount, j.path("notify_url").asText(o.notifyUrl));
        Refund r = refunds.computeIfAbsent(outRefundNo, k -> fresh);
        if (r == fresh) {
            timer.schedule(() -> pool.execute(() -> completeRefund(r)), behaviour.delayMs(), TimeUnit.MILLISECONDS);
        }
        signed(ex, 200, refundView(r, false));
    }

    private void completeRefund(Refund r) {
        r.successTime = now();
        r.status = "SUCCESS";
        r.order.state = "REFUND";
        notifyMerchant(r.notifyUrl, "REFUND.SUCCESS", "退款成功", "refund", r.order.outTradeNo, refundView(r, true));
    }

    private ObjectNode transaction(Order o) {
        ObjectNode t = JSON.createObjectNode();
        t.put("appid", o.appId);
        t.put("mchid", merchant.mchId());
        t.put("out_trade_no", o.outTradeNo);
        t.put("trade_type", "MWEB");
        t.put("trade_state", o.state);
        t.put("trade_state_desc", switch (o.state) {
            case "SUCCESS" -> "支付成功";
            case "NOTPAY" -> "未支付";
            case "CLOSED" -> "已关闭";
            default -> "转入退款";
        });
        if (o.transactionId != null) {
            t.put("transaction_id", o.transactionId);
            t.put("bank_type", "OTHERS");
            t.put("success_time", o.successTime);
            t.putObject("payer").put("openid", "sim-openid-" + Math.abs(o.outTradeNo.hashCode()));
        }
        if (o.attach != null) {
            t.put("attach", o.attach);
        }
        ObjectNode amount = t.putObject("amount");
        amount.put("total", o.total);
        amount.put("currency", "CNY");
        if (o.transactionId != null) {
            amount.put("payer_total", o.total);
            amount.put("payer_currency", "CNY");
        }
        return t;
    }

    private ObjectNode refundView(Refund r, boolean notification) {
        ObjectNode v = JSON.createObjectNode();
        if (notification) {
            v.put("mchid", merchant.mchId());
        }
        v.put("refund_id", r.refundId);
        v.put("out_refund_no", r.outRefundNo);
        v.put("transaction_id", r.order.transactionId);
        v.put("out_trade_no", r.order.outTradeNo);
        v.put("channel", "ORIGINAL");
        v.put("user_received_account", "支付用户零钱");
        v.put("create_time", r.createTime);
        if (r.successTime != null) {
            v.put("success_time", r.successTime);
        }
        v.put(notification ? "refund_status" : "status", r.status);
        v.put("funds_account", "AVAILABLE");
        ObjectNode amount = v.putObject("amount");
        amount.put("total", r.order.total);
        amount.put("refund", r.amount);
        amount.put("payer_total", r.order.total);
        amount.put("payer_refund", r.amount);
        amount.put("settlement_refund", r.amount);
        amount.put("settlement_total", r.order.total);
        amount.put("discount_refund", 0);
        amount.put("currency", "CNY");
        return v;
    }

    /** Encrypts the resource with the API v3 key, wraps it as WeChat does, and sends it (with copies as configured). */
    private void notifyMerchant(String url, String eventType, String summary, String originalType, String outTradeNo,
                                ObjectNode resource) {
        Behaviour b = behaviour;
        if (b.drop()) {
            log.info("WeChat Pay simulator dropped {} of {}", eventType, outTradeNo);
            return;
        }
        String nonce = WeChatPayKeys.nonce(12);
        ObjectNode n = JSON.createObjectNode();
        n.put("id", UUID.randomUUID().toString());
        n.put("create_time", now());
        n.put("resource_type", "encrypt-resource");
        n.put("event_type", eventType);
        n.put("summary", summary);
        ObjectNode r = n.putObject("resource");
        r.put("original_type", originalType);
        r.put("algorithm", "AEAD_AES_256_GCM");
        r.put("ciphertext", WeChatPayKeys.encrypt(merchant.apiV3Key(), originalType, nonce, resource.toString()));
        r.put("associated_data", originalType);
        r.put("nonce", nonce);
        Sent s = new Sent(url, eventType, outTradeNo, n.toString());
        sent.add(s);
        if (b.tamper()) {
            deliver(s, true, 0);
        }
        for (int copy = 0; copy <= b.duplicates(); copy++) {
            deliver(s, false, 0);
        }
    }

    /** One delivery (signed now, as each retry of WeChat's is), retried with backoff until a 2xx or five tries. */
    private void deliver(Sent s, boolean tampered, int attempt) {
        int status;
        try {
            String ts = String.valueOf(Instant.now().getEpochSecond());
            String nonce = WeChatPayKeys.nonce(32);
            String signature = WeChatPayKeys.sign(platformKey, ts + "\n" + nonce + "\n" + s.body() + "\n");
            // Tampered: changed after signing, as a man in the middle would.
            String body = tampered ? s.body().replace("\"summary\":\"", "\"summary\":\"X") : s.body();
            HttpRequest req = HttpRequest.newBuilder(URI.create(s.url())).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("Wechatpay-Serial", platformKeyId)
                    .header("Wechatpay-Signature", signature)
                    .header("Wechatpay-Timestamp", ts)
                    .header("Wechatpay-Nonce", nonce)
                    .header("Wechatpay-Signature-Type", SCHEMA)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        deliveries.add(new Delivery(s.eventType(), s.outTradeNo(), tampered, status));
        if ((status < 200 || status > 299) && !tampered && attempt < 4 && !timer.isShutdown()) {
            long backoff = 500L << attempt;
            timer.schedule(() -> pool.execute(() -> deliver(s, false, attempt + 1)), backoff, TimeUnit.MILLISECONDS);
        }
    }

    private void control(HttpExchange ex, String method, String path, String body) throws IOException {
        Matcher m;
        if ("PUT".equals(method) && "/control/wechatpay".equals(path)) {
            Behaviour b;
            try {
                // Only the fields given change; the rest stay as they are.
                ObjectNode now = JSON.valueToTree(behaviour);
                JsonNode given = JSON.readTree(body);
                if (given == null || !given.isObject()) {
                    throw new IOException("not an object");
                }
                now.setAll((ObjectNode) given);
                b = JSON.treeToValue(now, Behaviour.class);
            } catch (IOException | IllegalArgumentException e) {
                plain(ex, 400, "A behaviour: {autoPay, delayMs, duplicates, tamper, drop, failNext, slowMs}");
                return;
            }
            behave(b);
            plain(ex, 204, "");
        } else if ("GET".equals(method) && "/control/wechatpay".equals(path)) {
            ObjectNode s = JSON.createObjectNode();
            s.set("behaviour", JSON.valueToTree(behaviour));
            s.put("badSignatures", badSignatures.get());
            s.set("deliveries", JSON.valueToTree(deliveries));
            ObjectNode states = s.putObject("orders");
            orders.forEach((k, o) -> states.put(k, o.state));
            json(ex, 200, s.toString());
        } else if ("POST".equals(method) && "/control/wechatpay/resend".equals(path)) {
            json(ex, 200, "{\"resent\":" + resendAll() + "}");
        } else if ("POST".equals(method) && (m = CONTROL_PAY.matcher(path)).matches()) {
            plain(ex, pay(m.group(1)) ? 204 : 409, "");
        } else {
            plain(ex, 404, "");
        }
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        return e;
    }

    /** An API answer, signed with the platform key as the SDK's validator expects. */
    private void signed(HttpExchange ex, int status, ObjectNode body) throws IOException {
        String text = body.toString();
        signHeaders(ex, text);
        json(ex, status, text);
    }

    /** WeChat signs every answer, one without a body (204) too: over timestamp, nonce and the (empty) body. */
    private void signHeaders(HttpExchange ex, String text) {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String nonce = WeChatPayKeys.nonce(32);
        ex.getResponseHeaders().set("Wechatpay-Timestamp", ts);
        ex.getResponseHeaders().set("Wechatpay-Nonce", nonce);
        ex.getResponseHeaders().set("Wechatpay-Serial", platformKeyId);
        ex.getResponseHeaders().set("Wechatpay-Signature", WeChatPayKeys.sign(platformKey, ts + "\n" + nonce + "\n" + text + "\n"));
        ex.getResponseHeaders().set("Request-ID", UUID.randomUUID().toString());
    }

    private static void json(HttpExchange ex, int status, String text) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(ex, status, text);
    }

    private static void plain(HttpExchange ex, int status, String text) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(ex, status, text);
    }

    private static void send(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String now() {
        return OffsetDateTime.now(BEIJING).withNano(0).format(RFC3339);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.stop(0);
        pool.shutdownNow();
    }
}
