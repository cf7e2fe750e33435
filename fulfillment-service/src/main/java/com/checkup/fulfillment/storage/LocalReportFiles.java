package com.checkup.fulfillment.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Report files in a local directory; written to a temporary file first so a reader never sees half a file. */
public final class LocalReportFiles implements ReportFiles {
    private final Path root;

    public LocalReportFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void write(String key, byte[] content) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store report " + key, e);
        }
    }

    @Override
    public byte[] read(String key) {
        try {
            return Files.readAllBytes(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read report " + key, e);
        }
    }

    private Path resolve(String key) {
        // The same keys as object storage accepts, so a key good here is good there; the path check stays as a backstop.
        Path p = root.resolve(ReportKeys.check(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("Bad report key " + key);
        }
        return p;
    }
}
