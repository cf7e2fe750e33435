package com.checkup.payment.channel.wechatpay;

import com.checkup.payment.channel.PaymentChannel;
import com.checkup.payment.domain.ChannelNotification;
import com.checkup.payment.domain.Payment;
import com.checkup.payment.domain.SignedNotification;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.Amount;
import com.wechat.pay.java.service.payments.h5.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.PrepayRequest;
import com.wechat.pay.java.service.payments.h5.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * WeChat Pay API v3 through its official SDK, unmodified: H5 prepay orders (amount in fen, {@code out_trade_no} from
 * our payment id, our order id in {@code attach}), refunds, queries when a notification is late, and notifications
 * verified as the SDK does (WeChat Pay's public key, {@code Wechatpay-Signature} over timestamp, nonce and body,
 * AES-256-GCM resource decryption with the API v3 key) plus a replay window on the signed timestamp.
 */
public final class WeChatPayChannel implements PaymentChannel {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WeChatPayChannel.class);
    public static final String NAME = "WECHAT_PAY";
    private static final String TRANSACTION_SUCCESS = "TRANSACTION.SUCCESS";
    private static final String REFUND_SUCCESS = "REFUND.SUCCESS";
    /** Answers to a close after which the trade cannot be paid either: paid already, or closed before. */
    private static final java.util.Set<String> CLOSE_SETTLED = java.util.Set.of("ORDERPAID", "ORDER_PAID", "ORDER_CLOSED");

    private final WeChatPaySettings settings;
    private final H5Service payments;
    private final RefundService refunds;
    private final NotificationParser parser;
    private final Clock clock;

    public WeChatPayChannel(WeChatPaySettings settings, Clock clock) {
        if (!settings.missing().isEmpty()) {
            throw new IllegalStateException("The WeChat Pay channel is on but lacks " + settings.missing()
                    + " (deployment secrets; nothing has a default)");
        }
        this.settings = settings;
        this.clock = clock;
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(settings.getMchId())
                .privateKey(settings.getPrivateKey())
                .merchantSerialNumber(settings.getMerchantSerial())
                .publicKey(settings.getPlatformPublicKey())
                .publicKeyId(settings.getPlatformPublicKeyId())
                .apiV3Key(settings.getApiV3Key())
                .build();
        okhttp3.OkHttpClient.Builder ok = new okhttp3.OkHttpClient.Builder()
                .connectTimeout(settings.getConnectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.getReadTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.getReadTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .addNetworkInterceptor(new CanonicalHeaderNames());
        if (settings.getBaseUrl() != null && !settings.getBaseUrl().isBlank()) {
            if (!com.checkup.platform.net.OutsideEndpoints.secure(java.net.URI.create(settings.getBaseUrl()))) {
                throw new IllegalStateException("checkup.payment.wechatpay.base-url must be https (plain http only to a"
                        + " simulator on loopback): " + settings.getBaseUrl());
            }
            ok.addInterceptor(new ApiHost(settings.getBaseUrl()));
        }
        HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(ok.build()).build();
        this.payments = new H5Service.Builder().config(config).httpClient(http).build();
        this.refunds = new RefundService.Builder().config(config).httpClient(http).build();
        this.parser = new NotificationParser(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** WeChat's {@code out_trade_no} is at most 32 characters: our payment id without its "P". */
    static String outTradeNo(Payment p) {
        return p.id().substring(1);
    }

    static String paymentId(String outTradeNo) {
        return "P" + outTradeNo;
    }

    static String outRefundNo(Payment p) {
        return "R" + p.id().substring(1);
    }

    @Override
    public boolean payerPaysOnAPage() {
        return true;
    }

    @Override
    public boolean takesHmacCallbacks() {
        return false;
    }

    @Override
    public boolean canBeAsked() {
        return true;
    }

    @Override
    public String requestPayment(Payment p, String payerAddress) {
        PrepayRequest r = new PrepayRequest();
        r.setAppid(settings.getAppId());
        r.setMchid(settings.getMchId());
        r.setDescription(settings.getDescription());
        r.setOutTradeNo(outTradeNo(p));
        r.setAttach(p.orderId());
        r.setNotifyUrl(settings.getNotifyUrl());
        // After this the payer cannot pay any more (WeChat refuses), so a late payment cannot outlive its hold by much.
        r.setTimeExpire(java.time.OffsetDateTime.ofInstant(clock.instant().plus(settings.getPayWithin()),
                java.time.ZoneOffset.ofHours(8)).withNano(0).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        Amount amount = new Amount();
        amount.setTotal(Math.toIntExact(p.amountCents()));
        amount.setCurrency("CNY");
        r.setAmount(amount);
        SceneInfo scene = new SceneInfo();
        // WeChat's H5 risk check compares it with the address the payer pays from.
        scene.setPayerClientIp(payerAddress != null ? payerAddress : settings.getDefaultClientIp());
        H5Info h5 = new H5Info();
        h5.setType("Wap");
        scene.setH5Info(h5);
        r.setSceneInfo(scene);
        try {
            return payments.prepay(r).getH5Url();
        } catch (WechatPayException e) {
            throw unavailable("prepay of " + p.id(), e);
        }
    }

    /**
     * WeChat's close order ({@code POST /v3/pay/transactions/out-trade-no/{no}/close}; 204, also for a trade closed
     * before). A trade already paid ({@code ORDERPAID}), closed ({@code ORDER_CLOSED}) or unknown to WeChat (404: the
     * prepay never reached it) cannot be paid from now on either; any other refusal (rate limit, signature, parameters)
     * is not a close and is tried again later.
     */
    @Override
    public boolean close(Payment p) {
        CloseOrderRequest r = new CloseOrderRequest();
        r.setMchid(settings.getMchId());
        r.setOutTradeNo(outTradeNo(p));
        try {
            payments.closeOrder(r);
            return true;
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() == 404 || CLOSE_SETTLED.contains(e.getErrorCode())) {
                log.info("WeChat Pay did not close the trade of payment {}: {}", p.id(), e.getErrorCode());
                return true;
            }
            throw unavailable("close of " + p.id(), e);
        } catch (WechatPayException e) {
            throw unavailable("close of " + p.id(), e);
        }
    }

    @Override
    public void requestRefund(Payment p) {
        CreateRequest r = new CreateRequest();
        r.setOutTradeNo(outTradeNo(p));
        r.setOutRefundNo(outRefundNo(p));
        r.setNotifyUrl(settings.getNotifyUrl());
        AmountReq amount = new AmountReq();
        amount.setRefund(p.amountCents());
        amount.setTotal(p.amountCents());
        amount.setCurrency("CNY");
        r.setAmount(amount);
        try {
            refunds.create(r);
        } catch (WechatPayException e) {
            throw unavailable("refund of " + p.id(), e);
        }
    }

    @Override
    public ChannelNotification verify(SignedNotification n) {
        long signedAt;
        try {
            signedAt = Long.parseLong(n.timestamp() == null ? "" : n.timestamp().trim());
        } catch (NumberFormatException e) {
            throw new NotificationRejected("Wechatpay-Timestamp is missing or not a number");
        }
        long now = clock.instant().getEpochSecond();
        long window = settings.getReplayWindow().toSeconds();
        if (signedAt < now - window || signedAt > now + window) {
            throw new NotificationRejected("Signed outside the replay window");
        }
        RequestParam param = new RequestParam.Builder()
                .serialNumber(n.serial()).nonce(n.nonce()).signature(n.signature()).timestamp(n.timestamp())
                .signType(n.signatureType()).body(n.body()).build();
        try {
            // Signature and decryption first, whatever the body claims to be: nothing unverified is read.
            java.util.Map<?, ?> resource = parser.parse(param, java.util.Map.class);
            String eventType = com.checkup.platform.events.Json.MAPPER.readTree(n.body()).path("event_type").asText("");
            if (TRANSACTION_SUCCESS.equals(eventType)) {
                Transaction t = parser.parse(param, Transaction.class);
                if (t.getTradeState() != Transaction.TradeStateEnum.SUCCESS) {
                    throw new NotificationRejected("A TRANSACTION.SUCCESS whose trade state is not SUCCESS");
                }
                return paid(t, "notification");
            }
            if (REFUND_SUCCESS.equals(eventType)) {
                RefundNotification r = parser.parse(param, RefundNotification.class);
                if (r.getRefundStatus() != Status.SUCCESS || r.getAmount() == null) {
                    throw new NotificationRejected("A REFUND.SUCCESS whose status is not SUCCESS");
                }
                return new ChannelNotification(paymentId(r.getOutTradeNo()), null, r.getAmount().getRefund(),
                        ChannelNotification.REFUNDED, r.getRefundId(), audit("notification", eventType,
                        r.getOutTradeNo(), r.getRefundId(), r.getAmount().getRefund()));
            }
            // Genuine, but nothing this platform acts on (REFUND.ABNORMAL, REFUND.CLOSED, ...): kept, acknowledged.
            Object outTradeNo = resource.get("out_trade_no");
            String paymentId = outTradeNo instanceof String s && !s.isBlank() ? paymentId(s) : null;
            return new ChannelNotification(paymentId, null, 0, ChannelNotification.OTHER, null,
                    audit("notification", eventType.length() > 40 ? eventType.substring(0, 40) : eventType,
                            String.valueOf(outTradeNo), null, null));
        } catch (NotificationRejected e) {
            throw e;
        } catch (ValidationException e) {
            throw new NotificationRejected("Wechatpay-Signature does not verify", e);
        } catch (Exception e) {
            // MalformedMessageException, DecryptionException, Gson's and Jackson's parse errors: not one we can read.
            throw new NotificationRejected("The notification cannot be decrypted or read", e);
        }
    }

    private ChannelNotification paid(Transaction t, String how) {
        if (t.getAmount() == null || t.getAmount().getTotal() == null || t.getOutTradeNo() == null) {
            throw new NotificationRejected("A paid transaction without amount or out_trade_no");
        }
        return new ChannelNotification(paymentId(t.getOutTradeNo()), t.getAttach(), t.getAmount().getTotal(),
                ChannelNotification.SUCCESS, t.getTransactionId(), audit(how, TRANSACTION_SUCCESS, t.getOutTradeNo(),
                t.getTransactionId(), (long) t.getAmount().getTotal()));
    }

    @Override
    public Optional<ChannelNotification> query(Payment p) {
        QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
        q.setMchid(settings.getMchId());
        q.setOutTradeNo(outTradeNo(p));
        try {
            Transaction t = payments.queryOrderByOutTradeNo(q);
            if (t.getTradeState() == Transaction.TradeStateEnum.REFUND) {
                // Paid, then given back outside the platform (the merchant dashboard): not a payment to confirm a
                // booking with. Ops must look; the payment stays PENDING.
                log.error("WeChat Pay reports payment {} refunded while it is still pending here: not applied", p.id());
                return Optional.empty();
            }
            return t.getTradeState() == Transaction.TradeStateEnum.SUCCESS ? Optional.of(paid(t, "query")) : Optional.empty();
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("query of " + p.id(), e);
        } catch (WechatPayException e) {
            throw unavailable("query of " + p.id(), e);
        }
    }

    @Override
    public Optional<ChannelNotification> queryRefund(Payment p) {
        QueryByOutRefundNoRequest q = new QueryByOutRefundNoRequest();
        q.setOutRefundNo(outRefundNo(p));
        try {
            Refund r = refunds.queryByOutRefundNo(q);
            if (r.getStatus() != Status.SUCCESS || r.getAmount() == null) {
                return Optional.empty();
            }
            return Optional.of(new ChannelNotification(p.id(), null, r.getAmount().getRefund(), ChannelNotification.REFUNDED,
                    r.getRefundId(), audit("query", REFUND_SUCCESS, r.getOutTradeNo(), r.getRefundId(), r.getAmount().getRefund())));
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("refund query of " + p.id(), e);
        } catch (WechatPayException e) {
            throw unavailable("refund query of " + p.id(), e);
        }
    }

    /** What the audit keeps: the event, never the payer's details or the encrypted resource. */
    private static String audit(String how, String event, String outTradeNo, String channelId, Long amount) {
        return "{\"via\":\"" + how + "\",\"event\":\"" + event + "\",\"out_trade_no\":\"" + outTradeNo
                + "\",\"channel_id\":\"" + channelId + "\",\"amount\":" + amount + "}";
    }

    private static ChannelUnavailable unavailable(String what, WechatPayException e) {
        String detail;
        if (e instanceof ServiceException s) {
            detail = "HTTP " + s.getHttpStatusCode() + " " + s.getErrorCode() + ": " + s.getErrorMessage();
        } else if (e instanceof HttpException) {
            detail = "not reachable (" + e.getMessage() + ")";
        } else if (e instanceof ValidationException) {
            detail = "its answer's signature does not verify";
        } else {
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new ChannelUnavailable("WeChat Pay " + what + ": " + detail, e);
    }

    /**
     * Header names are case-insensitive (RFC 9110), but the SDK reads {@code Wechatpay-Timestamp} and the rest from a
     * case-sensitive map: any hop that changes their case (an HTTP/2 proxy lower-cases all of them; the JDK's HTTP
     * server, under the simulator, writes "Wechatpay-timestamp") would make every answer fail to verify. The answer's
     * signature covers the body, not the header names, so naming them as WeChat documents changes nothing it signs.
     */
    private static final class CanonicalHeaderNames implements okhttp3.Interceptor {
        private static final java.util.List<String> NAMES = java.util.List.of("Wechatpay-Timestamp", "Wechatpay-Nonce",
                "Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Signature-Type", "Request-ID");

        @Override
        public okhttp3.Response intercept(Chain chain) throws java.io.IOException {
            okhttp3.Response r = chain.proceed(chain.request());
            okhttp3.Headers.Builder h = r.headers().newBuilder();
            for (String name : NAMES) {
                String value = r.header(name); // case-insensitive
                if (value != null) {
                    h.removeAll(name);
                    h.add(name, value);
                }
            }
            return r.newBuilder().headers(h.build()).build();
        }
    }

    /**
     * Points the SDK at another host (the local simulator): the SDK signs the path and query, which stay as they are,
     * so only scheme, host and port change.
     */
    private record ApiHost(String baseUrl) implements okhttp3.Interceptor {
        @Override
        public okhttp3.Response intercept(Chain chain) throws java.io.IOException {
            okhttp3.HttpUrl target = okhttp3.HttpUrl.get(baseUrl);
            okhttp3.HttpUrl url = chain.request().url().newBuilder()
                    .scheme(target.scheme()).host(target.host()).port(target.port()).build();
            return chain.proceed(chain.request().newBuilder().url(url).build());
        }
    }
}
