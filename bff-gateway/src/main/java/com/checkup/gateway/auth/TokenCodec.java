package com.checkup.gateway.auth;

import com.checkup.gateway.web.JsonDepth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed JWTs (RFC 7519, HS256 only: a token with any other {@code alg}, {@code none} included, is refused).
 * The key comes from configuration; the gateway refuses to start with a key shorter than 256 bits.
 */
public final class TokenCodec {
    static final String ISSUER = "checkup";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    /** Keys whose tokens are believed too, never issued with: the other key of a rotation. */
    private final List<SecretKeySpec> alsoAccepted;
    private final Duration ttl;
    private final Clock clock;
    /**
     * Tokens already verified, with their expiry: a client sends the same token on every request, and the signature
     * and claims of a token cannot change. Only valid tokens get in (we issued them), so the cache cannot be flooded.
     * A hit is still checked against the token's expiry. A plain map, not Guava's size-bounded cache: that one queues
     * every read for its LRU bookkeeping, which showed in the profile; bounded here by sweeping on insert instead.
     */
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    static final int MAX_VERIFIED = 50_000;

    private static final class Verified {
        final Caller caller;
        final long exp;

        Verified(Caller caller, long exp) {
            this.caller = caller;
            this.exp = exp;
        }
    }

    /** Thrown for any token that must not be trusted; the message says why, without echoing the token. */
    public static final class InvalidToken extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    /** A freshly issued token. */
    public static final class Issued {
        public final String token;
        public final Instant expiresAt;

        Issued(String token, Instant expiresAt) {
            this.token = token;
            this.expiresAt = expiresAt;
        }
    }

    public TokenCodec(byte[] secret, Duration ttl, Clock clock) {
        this(secret, List.of(), ttl, clock);
    }

    /**
     * @param alsoAccepted keys whose tokens are believed but never issued (a rotation: first every gateway also
     *                     accepts the new key, then issues with it and accepts the old, then drops the old once the
     *                     tokens it signed have expired)
     */
    public TokenCodec(byte[] secret, List<byte[]> alsoAccepted, Duration ttl, Clock clock) {
        this.key = hmacKey(secret);
        List<SecretKeySpec> others = new ArrayList<>();
        for (byte[] other : alsoAccepted) {
            others.add(hmacKey(other));
        }
        this.alsoAccepted = List.copyOf(others);
        this.ttl = ttl;
        this.clock = clock;
    }

    private static SecretKeySpec hmacKey(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the token key must be at least 32 bytes (256 bits)");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    public Issued issue(Caller caller) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("sub", caller.userId())
                .put("persona", caller.persona())
                .put("iat", now.getEpochSecond())
                .put("exp", exp.getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        if (caller.tenantId() != null) {
            claims.put("tenant", caller.tenantId());
        }
        String payload = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        return new Issued(signingInput + "." + B64.encodeToString(sign(signingInput)), Instant.ofEpochSecond(exp.getEpochSecond()));
    }

    public Caller verify(String token) throws InvalidToken {
        if (token == null || token.length() > 4096) {
            throw new InvalidToken("Malformed token");
        }
        Verified known = verified.get(token);
        if (known != null) {
            if (clock.instant().getEpochSecond() >= known.exp) {
                verified.remove(token);
                throw new InvalidToken("Token has expired");
            }
            return known.caller;
        }
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first <= 0 || last == first || last == token.length() - 1) {
            throw new InvalidToken("Malformed token");
        }
        JsonNode header = decode(token.substring(0, first));
        if (!"HS256".equals(header.path("alg").asText())) {
            throw new InvalidToken("Unsupported token algorithm");
        }
        byte[] signature;
        try {
            signature = B64D.decode(token.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("Malformed token");
        }
        // Only the one spelling we issue: the decoder ignores spare trailing bits and padding, so a token would
        // otherwise have dozens of accepted spellings, each a separate entry of the verified-token map.
        if (!B64.encodeToString(signature).equals(token.substring(last + 1))) {
            throw new InvalidToken("Malformed token");
        }
        if (!signedByAKeyOfOurs(signature, token.substring(0, last))) {
            throw new InvalidToken("Token signature is not valid");
        }
        JsonNode claims = decode(token.substring(first + 1, last));
        if (!ISSUER.equals(claims.path("iss").asText())) {
            throw new InvalidToken("Token was not issued here");
        }
        if (!claims.path("exp").canConvertToLong() || clock.instant().getEpochSecond() >= claims.path("exp").asLong()) {
            throw new InvalidToken("Token has expired");
        }
        String sub = claims.path("sub").asText(null);
        String persona = claims.path("persona").asText(null);
        if (sub == null || persona == null) {
            throw new InvalidToken("Token lacks its subject or persona");
        }
        Caller caller = new Caller(sub, persona, claims.hasNonNull("tenant") ? claims.get("tenant").asText() : null);
        remember(token, new Verified(caller, claims.path("exp").asLong()));
        return caller;
    }

    /** Full (50,000 signed-in clients within a token's life): expired ones go first, and if none has, all do. */
    private void remember(String token, Verified v) {
        if (verified.size() >= MAX_VERIFIED) {
            long now = clock.instant().getEpochSecond();
            verified.values().removeIf(e -> now >= e.exp);
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear(); // only a cost: each token is verified again once
            }
        }
        verified.put(token, v);
    }

    /** How many verified tokens are remembered (tests). */
    int remembered() {
        return verified.size();
    }

    private static JsonNode decode(String part) throws InvalidToken {
        try {
            byte[] json = B64D.decode(part);
            // The header is parsed before the signature is checked: anyone can send it.
            if (JsonDepth.scan(json, JsonDepth.MAX_DEPTH) != JsonDepth.Verdict.OK) {
                throw new InvalidToken("Malformed token");
            }
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw new InvalidToken("Malformed token");
            }
            return n;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidToken("Malformed token");
        }
    }

    private boolean signedByAKeyOfOurs(byte[] signature, String signingInput) {
        if (MessageDigest.isEqual(signature, sign(signingInput))) {
            return true;
        }
        for (SecretKeySpec other : alsoAccepted) {
            if (MessageDigest.isEqual(signature, sign(other, signingInput))) {
                return true;
            }
        }
        return false;
    }

    private byte[] sign(String input) {
        return sign(key, input);
    }

    private static byte[] sign(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
