package com.checkup.localplatform;

import com.checkup.platform.privacy.FieldCipher;
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
