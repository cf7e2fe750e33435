package com.checkup.localplatform;

import com.checkup.platform.privacy.FieldCipher;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Secrets of the local platform, made on first start and kept with its data (they must outlive restarts: the data
 * is encrypted with them; {@code --fresh} wipes both). Handed to services in the environment, never on the command
 * line, and never in the code or the repository.
 */
final class LocalSecrets {
    static final String FILE = "secrets.properties";

    private LocalSecrets() {
    }

    /** Environment variables carrying the secrets to the services. */
    static Map<String, String> environment(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
        }
        boolean missing = false;
        for (String name : new String[] {"privacy.key", "jwt.secret"}) {
            if (p.getProperty(name) == null) {
                // 32 random bytes, base64: the personal-data key, and the gateway's token signing key.
                p.setProperty(name, FieldCipher.newKey());
                missing = true;
            }
        }
        if (missing) {
            Files.createDirectories(dataDir);
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "Local platform secrets (generated; delete with --fresh)");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file stays under the user's own checkout
            }
        }
        return Map.of("CHECKUP_PRIVACY_KEY_ID", "k1", "CHECKUP_PRIVACY_KEY", p.getProperty("privacy.key"),
                "CHECKUP_JWT_SECRET", p.getProperty("jwt.secret"));
    }
}
