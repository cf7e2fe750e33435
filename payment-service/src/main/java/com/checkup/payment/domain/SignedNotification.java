package com.checkup.payment.domain;

/**
 * A notification as a channel sent it: the raw body and the headers that sign it (WeChat Pay API v3:
 * {@code Wechatpay-Serial}, {@code -Signature}, {@code -Timestamp}, {@code -Nonce}, {@code -Signature-Type}). Nothing
 * here is trusted until the channel has verified it.
 */
public record SignedNotification(String body, String serial, String signature, String timestamp, String nonce,
                                 String signatureType) {
}
