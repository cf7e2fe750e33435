package com.checkup.localplatform;

import com.checkup.platform.privacy.FieldCipher;
import com.checkup.simulator.wechatpay.WeChatPayKeys;
import com.checkup.simulator.wechatpay.WeChatPaySimulator;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Secrets of the local platform, made on first start and kept with its data (they must outlive restarts: the data
 * is encrypted with them; {@code --fresh} wipes both). The file is created owner-only before anything is written to
 * it. Each process is handed, in its environment (never on the command line, never in code or the repository), only
 * the keys it needs: the token key to the gateway, the personal-data key to booking-service (the one service that
 * stores personal data), the internal identity key to the gateway and every service, the simulated payment channel's
 * secret to payment-service, the connector-credential key to hospital-sync-service.
 */
final class LocalSecrets {
    static final String FILE = "secrets.properties";
    static final String PRIVACY_KEY = "privacy.key";
    static final String JWT_SECRET = "jwt.secret";
    static final String IDENTITY_KEY = "identity.key";
    static final String SIMULATED_PAYMENT_SECRET = "payment.simulated.secret";
    static final String CREDENTIAL_KEY = "sync.credential.key";
    private static final String[] ALL = {PRIVACY_KEY, JWT_SECRET, IDENTITY_KEY, SIMULATED_PAYMENT_SECRET, CREDENTIAL_KEY};
    /** The local WeChat Pay merchant's API key pair and API v3 key, and the simulator's platform key pair. */
    static final String WECHATPAY_MERCHANT_KEY = "payment.wechatpay.merchant.private-key";
    static final String WECHATPAY_MERCHANT_PUBLIC = "payment.wechatpay.merchant.public-key";
    static final String WECHATPAY_PLATFORM_KEY = "payment.wechatpay.platform.private-key";
    static final String WECHATPAY_PLATFORM_PUBLIC = "payment.wechatpay.platform.public-key";
    static final String WECHATPAY_API_V3_KEY = "payment.wechatpay.api-v3-key";
    /** The local merchant's ids: not secrets (WeChat prints them on every bill), fixed so logs read the same. */
    static final String WECHATPAY_MCH_ID = "1230000109";
    static final String WECHATPAY_APP_ID = "wxcheckuplocal0001";
    static final String WECHATPAY_PLATFORM_KEY_ID = "PUB_KEY_ID_0112300001092026LOCAL";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Properties values;

    private LocalSecrets(Properties values) {
        this.values = values;
    }

    /** Reads the secrets file of {@code dataDir}, adding (and saving) any secret it does not have yet. */
    static LocalSecrets load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            ownerOnly(file);
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
        }
        boolean missing = false;
        for (String name : ALL) {
            if (p.getProperty(name) == null) {
                // 32 random bytes, base64.
                p.setProperty(name, FieldCipher.newKey());
                missing = true;
            }
        }
        if (p.getProperty(WECHATPAY_MERCHANT_KEY) == null || p.getProperty(WECHATPAY_PLATFORM_KEY) == null
                || p.getProperty(WECHATPAY_API_V3_KEY) == null) {
            KeyPair merchant = WeChatPayKeys.newRsaKeyPair();
            KeyPair platform = WeChatPayKeys.newRsaKeyPair();
            p.setProperty(WECHATPAY_MERCHANT_KEY, WeChatPayKeys.pem(merchant.getPrivate()));
            p.setProperty(WECHATPAY_MERCHANT_PUBLIC, WeChatPayKeys.pem(merchant.getPublic()));
            p.setProperty(WECHATPAY_PLATFORM_KEY, WeChatPayKeys.pem(platform.getPrivate()));
            p.setProperty(WECHATPAY_PLATFORM_PUBLIC, WeChatPayKeys.pem(platform.getPublic()));
            p.setProperty(WECHATPAY_API_V3_KEY, WeChatPayKeys.newApiV3Key());
            missing = true;
        }
        if (missing) {
            Files.createDirectories(dataDir);
            Path fresh = dataDir.resolve(FILE + ".new");
            Files.deleteIfExists(fresh);
            createOwnerOnly(fresh);
            try (Writer w = Files.newBufferedWriter(fresh, StandardOpenOption.TRUNCATE_EXISTING)) {
                p.store(w, "Local platform secrets (generated; delete with --fresh)");
            }
            Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new LocalSecrets(p);
    }

    /** The environment variables carrying to {@code service} (a module name, with {@code @lane} for a lane) its keys. */
    Map<String, String> environmentOf(String service) {
        String module = service.contains("@") ? service.substring(0, service.indexOf('@')) : service;
        Map<String, String> env = new HashMap<>();
        env.put("CHECKUP_IDENTITY_KEY", values.getProperty(IDENTITY_KEY));
        switch (module) {
            case "bff-gateway" -> env.put("CHECKUP_JWT_SECRET", values.getProperty(JWT_SECRET));
            case "booking-service" -> {
                env.put("CHECKUP_PRIVACY_KEY_ID", "k1");
                env.put("CHECKUP_PRIVACY_KEY", values.getProperty(PRIVACY_KEY));
            }
            case "payment-service" -> {
                // Local only: the simulated channel, switched on explicitly, with this install's own secret.
                env.put("CHECKUP_PAYMENT_SIMULATED_ENABLED", "true");
                env.put("CHECKUP_PAYMENT_SECRETS_SIMULATED", values.getProperty(SIMULATED_PAYMENT_SECRET));
                // WECHAT_PAY against the local WeChat Pay simulator, with this install's own merchant keys.
                env.put("CHECKUP_PAYMENT_WECHATPAY_ENABLED", "true");
                env.put("CHECKUP_PAYMENT_WECHATPAY_MCHID", WECHATPAY_MCH_ID);
                env.put("CHECKUP_PAYMENT_WECHATPAY_APPID", WECHATPAY_APP_ID);
                env.put("CHECKUP_PAYMENT_WECHATPAY_MERCHANTSERIAL", merchantSerial());
                env.put("CHECKUP_PAYMENT_WECHATPAY_PRIVATEKEY", values.getProperty(WECHATPAY_MERCHANT_KEY));
                env.put("CHECKUP_PAYMENT_WECHATPAY_APIV3KEY", values.getProperty(WECHATPAY_API_V3_KEY));
                env.put("CHECKUP_PAYMENT_WECHATPAY_PLATFORMPUBLICKEY", values.getProperty(WECHATPAY_PLATFORM_PUBLIC));
                env.put("CHECKUP_PAYMENT_WECHATPAY_PLATFORMPUBLICKEYID", WECHATPAY_PLATFORM_KEY_ID);
            }
            case "hospital-sync-service" -> {
                // Connector credentials are encrypted with it and decrypted nowhere else.
                env.put("CHECKUP_SYNC_CREDENTIAL_KEY_ID", "k1");
                env.put("CHECKUP_SYNC_CREDENTIAL_KEY", values.getProperty(CREDENTIAL_KEY));
            }
            default -> {
                // the identity key only
            }
        }
        return env;
    }

    /** The merchant the WeChat Pay simulator serves: this install's merchant key (its public half) and API v3 key. */
    WeChatPaySimulator.Merchant wechatPayMerchant() {
        return new WeChatPaySimulator.Merchant(WECHATPAY_MCH_ID, WECHATPAY_APP_ID, merchantSerial(),
                WeChatPayKeys.publicKey(values.getProperty(WECHATPAY_MERCHANT_PUBLIC)), values.getProperty(WECHATPAY_API_V3_KEY));
    }

    /** The key the WeChat Pay simulator signs with (WeChat Pay's own, in a real deployment). */
    PrivateKey wechatPayPlatformKey() {
        return WeChatPayKeys.privateKey(values.getProperty(WECHATPAY_PLATFORM_KEY));
    }

    /** A certificate serial stands for the merchant key: here the first 20 bytes of its SHA-256, in hex, as serials look. */
    private String merchantSerial() {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(values.getProperty(WECHATPAY_MERCHANT_PUBLIC).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().withUpperCase().formatHex(d, 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: the file stays under the user's own checkout
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            ownerOnly(file);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // see createOwnerOnly
        }
    }
}
