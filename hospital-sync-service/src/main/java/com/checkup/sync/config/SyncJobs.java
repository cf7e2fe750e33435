package com.checkup.sync.config;

import com.checkup.sync.app.CredentialVault;
import com.checkup.sync.app.SyncCopies;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When hospital-sync-service does work of its own. Each job is a use case in {@code app/} that does one pass; this is
 * the one place that says how often. (Sync jobs and status pulls are leased work: their {@code WorkLoop}s are in
 * SyncConfig.)
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SyncJobs {
    private final SyncCopies copies;
    private final CredentialVault credentials;

    public SyncJobs(SyncCopies copies, CredentialVault credentials) {
        this.copies = copies;
        this.credentials = credentials;
    }

    /** This copy's report (tier, circuits) for the others and for ops. */
    @Scheduled(fixedDelayString = "${checkup.sync.copy-report.every:5s}")
    void reportThisCopy() {
        copies.report();
    }

    /** Stored credentials under the current key, after a key rotation. */
    @Scheduled(initialDelayString = "${checkup.sync.credentials.reencrypt-every:5m}",
            fixedDelayString = "${checkup.sync.credentials.reencrypt-every:5m}")
    void reencryptCredentials() {
        credentials.reencrypt();
    }
}
