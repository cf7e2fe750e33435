package com.checkup.contracts.context;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The wire format of a caller identity between the gateway and the services: an HMAC-SHA256, under the internal
 * identity key, over persona, tenant, user, trace id, the service called (its interface: an assertion made for
 * order-service is no good at payment-service) and a short expiry, sent as the attachment
 * {@link #ATTACHMENT} = {@code v1.<expiry epoch seconds>.<base64url mac>} beside the plain persona/tenant/user
 * attachments. A provider believes those only when this verifies; anything else is an anonymous call.
 *
 * <p>It lives here, not in platform-kit, because both sides must agree on it byte for byte and the gateway (Spring
 * Boot 2, Java 11) cannot load platform-kit. It is the one piece of logic in this module: a format, not a policy.
 */
public final class IdentityAssertion {
    public static final String ATTACHMENT = "checkup-identity";
    /** How long an assertion is good for: one hop, made just before the call. */
    public static final long TTL_SECONDS = 60;
    /** Clock difference tolerated between two hosts, both ways. */
    public static final long SKEW_SECONDS = 30;
    private static final int MIN_KEY_BYTES = 32;
    private static final String VERSION = "v1";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    /** Keys whose assertions are believed too, never signed with: the other key of a rotation. */
    private final IdentityAssertion[] alsoAccepted;

    private IdentityAssertion(byte[] keyBytes, IdentityAssertion[] alsoAccepted) {
        if (keyBytes == null || keyBytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The internal identity key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.alsoAccepted = alsoAccepted;
    }

    /** From base64 of at least 32 random bytes (checkup.identity.key / CHECKUP_IDENTITY_KEY). */
    public static IdentityAssertion fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("No internal identity key (checkup.identity.key / CHECKUP_IDENTITY_KEY)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The internal identity key must be base64 (of 32+ random bytes)");
        }
        return new IdentityAssertion(bytes, new IdentityAssertion[0]);
    }

    /**
     * This key for signing and verifying, and {@code base64Keys} for verifying only (blank entries ignored): how a key
     * is rotated without stopping every process at once. First every provider also accepts the new key; then every
     * process signs with the new one and also accepts the old; then the old is dropped. Each step is a rolling restart.
     */
    public IdentityAssertion acceptingAlso(List<String> base64Keys) {
        List<IdentityAssertion> others = new ArrayList<>();
        for (String k : base64Keys == null ? List.<String>of() : base64Keys) {
            if (k != null && !k.isBlank()) {
                others.add(fromBase64(k));
            }
        }
        return new IdentityAssertion(key.getEncoded(), others.toArray(new IdentityAssertion[0]));
    }

    /** How many other keys are accepted besides this one. */
    public int alsoAcceptedCount() {
        return alsoAccepted.length;
    }

    /** The attachment value for this caller of {@code service}, good until {@code nowEpochSeconds + TTL_SECONDS}. */
    public String sign(String persona, String tenantId, String userId, String traceId, String service,
                       long nowEpochSeconds) {
        long expiry = nowEpochSeconds + TTL_SECONDS;
        return VERSION + "." + expiry + "." + mac(persona, tenantId, userId, traceId, service, expiry);
    }

    /**
     * True when {@code assertion} was made with this key (or one it {@linkplain #acceptingAlso also accepts}) for
     * exactly these values and has not expired.
     */
    public boolean verify(String assertion, String persona, String tenantId, String userId, String traceId,
                          String service, long nowEpochSeconds) {
        if (verifiedByThisKey(assertion, persona, tenantId, userId, traceId, service, nowEpochSeconds)) {
            return true;
        }
        for (IdentityAssertion other : alsoAccepted) {
            if (other.verifiedByThisKey(assertion, persona, tenantId, userId, traceId, service, nowEpochSeconds)) {
                return true;
            }
        }
        return false;
    }

    private boolean verifiedByThisKey(String assertion, String persona, String tenantId, String userId, String traceId,
                                      String service, long nowEpochSeconds) {
        if (assertion == null || assertion.length() > 128 || !assertion.startsWith(VERSION + ".")
                || hasNewline(persona) || hasNewline(tenantId) || hasNewline(userId) || hasNewline(traceId)
                || hasNewline(service)) {
            return false;
        }
        int dot = assertion.indexOf('.', VERSION.length() + 1);
        if (dot < 0) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(assertion.substring(VERSION.length() + 1, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry + SKEW_SECONDS < nowEpochSeconds || expiry > nowEpochSeconds + TTL_SECONDS + SKEW_SECONDS) {
            return false;
        }
        byte[] expected = mac(persona, tenantId, userId, traceId, service, expiry).getBytes(StandardCharsets.US_ASCII);
        byte[] given = assertion.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private String mac(String persona, String tenantId, String userId, String traceId, String service, long expiry) {
        // Newline-separated; verify refuses values holding one, so fields cannot be shifted into each other.
        String text = VERSION + "\n" + nz(persona) + "\n" + nz(tenantId) + "\n" + nz(userId) + "\n" + nz(traceId)
                + "\n" + nz(service) + "\n" + expiry;
        byte[] mac = macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean hasNewline(String s) {
        return s != null && s.indexOf('\n') >= 0;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
