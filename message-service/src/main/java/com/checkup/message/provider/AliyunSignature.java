package com.checkup.message.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Aliyun's RPC-style request signature (SignatureVersion 1.0, HMAC-SHA1), as its API documentation gives it:
 * parameters sorted by name (byte order), each name and value percent-encoded (RFC 3986: space {@code %20}, {@code *}
 * {@code %2A}, {@code ~} kept), joined with {@code =} and {@code &}; StringToSign = {@code METHOD&%2F&} + the
 * percent-encoded joined string; the signature is Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
public final class AliyunSignature {
    private AliyunSignature() {
    }

    /** The signature of {@code params} (without {@code Signature} itself) for {@code method} (POST here). */
    public static String sign(String method, Map<String, String> params, String accessKeySecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign(method, params).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    static String stringToSign(String method, Map<String, String> params) {
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(params));
    }

    /** The sorted, encoded query (also the form body that is sent, with the signature appended). */
    public static String canonicalQuery(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream().filter(e -> !e.getKey().equals("Signature"))
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
