package com.checkup.payment.channel.wechatpay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code checkup.payment.wechatpay.*}: a WeChat Pay (API v3) merchant. Every key comes from the deployment's secrets
 * (k8s: Secret {@code checkup-wechatpay}; locally: generated per install by local-platform); none has a default, and
 * the channel refuses to start with any missing.
 */
@ConfigurationProperties("checkup.payment.wechatpay")
public class WeChatPaySettings {
    /** The channel exists only when switched on. */
    private boolean enabled;
    private String mchId;
    private String appId;
    /** Serial number of the merchant's API certificate (its key signs our requests). */
    private String merchantSerial;
    /** The merchant's API private key, PKCS#8 PEM. */
    private String privateKey;
    /** The API v3 key (32 characters): decrypts notification resources. */
    private String apiV3Key;
    /** WeChat Pay's public key (PEM) and its id ("PUB_KEY_ID_..."): verify answers and notifications. */
    private String platformPublicKey;
    private String platformPublicKeyId;
    /** Where WeChat Pay sends notifications: the gateway's {@code /api/payments/notify/WECHAT_PAY}, public HTTPS. */
    private String notifyUrl;
    /**
     * Where the API is, when not at {@code https://api.mch.weixin.qq.com} (the local simulator). Empty: WeChat's own.
     */
    private String baseUrl;
    /** The payer's address sent with H5 orders when the request has none (WeChat requires one). */
    private String defaultClientIp = "127.0.0.1";
    private String description = "体检套餐";
    /** How long the payer has to pay a prepay order (WeChat's time_expire); PendingPayments asks about it that long. */
    private Duration payWithin = Duration.ofMinutes(30);
    /** Notifications signed longer ago (or later) than this are refused: a captured one cannot be replayed later. */
    private Duration replayWindow = Duration.ofMinutes(5);
    /** Both below the gateway's 10 s for the pay route, so a slow channel answers UNAVAILABLE, not a timeout. */
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(5);

    /** The names of the settings that are missing (empty when the channel can start). */
    public List<String> missing() {
        List<String> m = new ArrayList<>();
        check(m, mchId, "mch-id");
        check(m, appId, "app-id");
        check(m, merchantSerial, "merchant-serial");
        check(m, privateKey, "private-key");
        check(m, apiV3Key, "api-v3-key");
        check(m, platformPublicKey, "platform-public-key");
        check(m, platformPublicKeyId, "platform-public-key-id");
        check(m, notifyUrl, "notify-url");
        return m;
    }

    private static void check(List<String> missing, String value, String name) {
        if (value == null || value.isBlank()) {
            missing.add("checkup.payment.wechatpay." + name);
        }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getMchId() { return mchId; }
    public void setMchId(String mchId) { this.mchId = mchId; }
    public String getAppId() { return appId; }
    public void setAppId(String appId) { this.appId = appId; }
    public String getMerchantSerial() { return merchantSerial; }
    public void setMerchantSerial(String merchantSerial) { this.merchantSerial = merchantSerial; }
    public String getPrivateKey() { return privateKey; }
    public void setPrivateKey(String privateKey) { this.privateKey = privateKey; }
    public String getApiV3Key() { return apiV3Key; }
    public void setApiV3Key(String apiV3Key) { this.apiV3Key = apiV3Key; }
    public String getPlatformPublicKey() { return platformPublicKey; }
    public void setPlatformPublicKey(String platformPublicKey) { this.platformPublicKey = platformPublicKey; }
    public String getPlatformPublicKeyId() { return platformPublicKeyId; }
    public void setPlatformPublicKeyId(String platformPublicKeyId) { this.platformPublicKeyId = platformPublicKeyId; }
    public String getNotifyUrl() { return notifyUrl; }
    public void setNotifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getDefaultClientIp() { return defaultClientIp; }
    public void setDefaultClientIp(String defaultClientIp) { this.defaultClientIp = defaultClientIp; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Duration getPayWithin() { return payWithin; }
    public void setPayWithin(Duration payWithin) { this.payWithin = payWithin; }
    public Duration getReplayWindow() { return replayWindow; }
    public void setReplayWindow(Duration replayWindow) { this.replayWindow = replayWindow; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
}
