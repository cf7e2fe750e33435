package com.checkup.platform.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal fields (ID numbers, phone numbers) before they are stored: AES-256-GCM with a random nonce, so
 * equal values give different ciphertexts, and tampering is detected. The stored text is {@code v1:<key id>:<base64>}
 * so keys can be rotated: new values use the current key, old ones stay readable while their key is configured.
 * Keys come from configuration (base64 of 32 bytes), never from code.
 */
public final class FieldCipher {
    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    // Per thread: Cipher and Mac instances are not thread-safe, looking them up is costly on a hot path (every hold
    // encrypts two fields and hashes one request), and one shared SecureRandom would serialise all nonces.
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);
    private final ThreadLocal<Cipher> aes = ThreadLocal.withInitial(() -> instance("AES/GCM/NoPadding"));
    private final ThreadLocal<Mac> indexMac;

    /**
     * @param currentKeyId the key new values are encrypted with
     * @param base64Keys   key id → base64 of a 256-bit key; old keys stay here until no value uses them
     */
    public FieldCipher(String currentKeyId, Map<String, String> base64Keys) {
        if (base64Keys == null || base64Keys.isEmpty()) {
            throw new IllegalArgumentException("No encryption key configured (checkup.privacy.keys.<id>)");
        }
        Map<String, SecretKeySpec> parsed = new LinkedHashMap<>();
        base64Keys.forEach((id, b64) -> {
            if (!id.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalArgumentException("Key ids are 1-16 letters, digits, '-' or '_': " + id);
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(b64 == null ? "" : b64.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Key " + id + " is not base64");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("Key " + id + " must be 32 bytes (256 bits), is " + raw.length);
            }
            parsed.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!parsed.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("The current key id '" + currentKeyId + "' has no key");
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(parsed);
        SecretKeySpec indexKey = new SecretKeySpec(this.keys.get(currentKeyId).getEncoded(), "HmacSHA256");
        this.indexMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    private static Cipher instance(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " is not available", e);
        }
    }

    /** A fresh random key, base64, for {@code local-platform} and tests. */
    public static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.get().nextBytes(nonce);
            Cipher c = aes.get();
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(currentKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Whether a stored value is encrypted with the current key (else it is due for re-encryption). */
    public boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(PREFIX + ":" + currentKeyId + ":");
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("Not an encrypted field value");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Encrypted with key '" + parts[1] + "', which is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher c = aes.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(parts[1].getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encrypted field does not decrypt (tampered or wrong key)", e);
        }
    }

    /**
     * A keyed hash (HMAC-SHA256, hex) for finding a value without decrypting every row, e.g. the same ID number
     * twice. Deterministic for a given key; never reversible.
     */
    public String blindIndex(String plain) {
        // doFinal resets the Mac for the next call on this thread.
        return HexFormat.of().formatHex(indexMac.get().doFinal(("index:" + plain).getBytes(StandardCharsets.UTF_8)));
    }
}
