package com.checkup.fulfillment.config;

import com.checkup.fulfillment.persistence.LocalReportFiles;
import com.checkup.fulfillment.persistence.ReportFiles;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class FulfillmentConfig {

    /** Local directory store; k8s replaces it with an object-storage bean. */
    @Bean
    @ConditionalOnMissingBean(ReportFiles.class)
    ReportFiles reportFiles(@Value("${checkup.reports.dir}") String dir) {
        return new LocalReportFiles(Path.of(dir));
    }
}
