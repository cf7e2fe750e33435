package com.checkup.fulfillment.config;

import com.checkup.fulfillment.storage.LocalReportFiles;
import com.checkup.fulfillment.storage.ReportFiles;
import com.checkup.fulfillment.storage.ReportStorageSettings;
import com.checkup.fulfillment.storage.S3ReportFiles;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportStorageSettings.class)
public class FulfillmentConfig {

    /**
     * The report store {@code checkup.reports.store} names: {@code local} (a directory; the local platform) or
     * {@code s3} (object storage; k8s). Anything missing for it stops the start, every missing setting named at once.
     */
    @Bean
    ReportFiles reportFiles(ReportStorageSettings settings) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Report storage (checkup.reports.store=" + name(settings) + ") is not configured: "
                    + String.join("; ", problems));
        }
        return switch (settings.getStore()) {
            case LOCAL -> new LocalReportFiles(Path.of(settings.getDir()));
            case S3 -> S3ReportFiles.checked(settings.getS3());
        };
    }

    private static String name(ReportStorageSettings settings) {
        return settings.getStore() == null ? "unset" : settings.getStore().name().toLowerCase();
    }
}
