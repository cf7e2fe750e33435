package com.checkup.fulfillment.storage;

/**
 * Where report files live: a local directory ({@link LocalReportFiles}, what {@code up} uses) or S3-API object storage
 * ({@link S3ReportFiles}, k8s), chosen by {@code checkup.reports.store}. Files are written once under a fresh key and
 * never changed. Both stores answer alike: a key that could leave its place is an {@link IllegalArgumentException};
 * a file that cannot be stored or read (missing, store unreachable, refused) is an {@link java.io.UncheckedIOException},
 * for a missing file with a {@link java.nio.file.NoSuchFileException} as its cause.
 */
public interface ReportFiles {
    void write(String key, byte[] content);

    byte[] read(String key);
}
