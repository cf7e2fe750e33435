package com.checkup.fulfillment.persistence;

/**
 * Where report files live: a local directory here ({@link LocalReportFiles}), object storage in k8s. Files are
 * written once under a fresh key and never changed.
 */
public interface ReportFiles {
    void write(String key, byte[] content);

    byte[] read(String key);
}
