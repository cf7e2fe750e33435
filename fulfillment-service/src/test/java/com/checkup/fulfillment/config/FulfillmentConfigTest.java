package com.checkup.fulfillment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.fulfillment.storage.LocalReportFiles;
import com.checkup.fulfillment.storage.ReportStorageSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The store is chosen by configuration alone, from the environment variables k8s sets, and checked before use. */
class FulfillmentConfigTest {

    @Test
    void theEnvironmentVariablesOfTheDeploymentSelectAndConfigureObjectStorage() {
        ReportStorageSettings s = fromEnvironment(Map.of(
                "CHECKUP_REPORTS_STORE", "s3",
                "CHECKUP_REPORTS_S3_ENDPOINT", "https://oss-cn-hangzhou.aliyuncs.com",
                "CHECKUP_REPORTS_S3_REGION", "cn-hangzhou",
                "CHECKUP_REPORTS_S3_BUCKET", "checkup-reports",
                "CHECKUP_REPORTS_S3_PATHSTYLE", "false",
                "CHECKUP_REPORTS_S3_ENCRYPTION", "aws:kms",
                "CHECKUP_REPORTS_S3_KMSKEYID", "key-1",
                "CHECKUP_REPORTS_S3_CALLTIMEOUT", "20s",
                "CHECKUP_REPORTS_S3_ACCESSKEYID", "id",
                "CHECKUP_REPORTS_S3_SECRETACCESSKEY", "secret"));
        assertThat(s.getStore()).isEqualTo(ReportStorageSettings.Store.S3);
        assertThat(s.getS3().getEndpoint()).isEqualTo(URI.create("https://oss-cn-hangzhou.aliyuncs.com"));
        assertThat(s.getS3().encryption()).isEqualTo(ReportStorageSettings.Encryption.KMS);
        assertThat(s.getS3().getCallTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.getS3().getAccessKeyId()).isEqualTo("id");
        assertThat(s.getS3().getSecretAccessKey()).isEqualTo("secret");
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void objectStorageWithoutBucketOrCredentialsStopsTheStartNamingWhatIsMissing() {
        ReportStorageSettings s = fromEnvironment(Map.of("CHECKUP_REPORTS_STORE", "s3", "CHECKUP_REPORTS_S3_REGION", "cn-hangzhou"));
        assertThatThrownBy(() -> new FulfillmentConfig().reportFiles(s)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Report storage (checkup.reports.store=s3) is not configured: ")
                .hasMessageContaining("checkup.reports.s3.bucket (CHECKUP_REPORTS_S3_BUCKET) is not set")
                .hasMessageContaining("CHECKUP_REPORTS_S3_ACCESSKEYID").hasMessageContaining("CHECKUP_REPORTS_S3_SECRETACCESSKEY")
                .hasMessageNotContaining("REGION");
    }

    @Test
    void anEmptyEndpointMeansAwsItselfAsInTheBaseConfigMap() {
        ReportStorageSettings s = fromEnvironment(Map.of("CHECKUP_REPORTS_STORE", "s3", "CHECKUP_REPORTS_S3_ENDPOINT", "",
                "CHECKUP_REPORTS_S3_REGION", "eu-central-1", "CHECKUP_REPORTS_S3_BUCKET", "b", "CHECKUP_REPORTS_S3_KEYPREFIX", "reports/",
                "CHECKUP_REPORTS_S3_ACCESSKEYID", "id", "CHECKUP_REPORTS_S3_SECRETACCESSKEY", "secret"));
        assertThat(s.getS3().getEndpoint()).isNull();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void theLocalStoreIsTheDirectory() {
        ReportStorageSettings s = fromEnvironment(Map.of("CHECKUP_REPORTS_STORE", "local", "CHECKUP_REPORTS_DIR", "target/r"));
        assertThat(new FulfillmentConfig().reportFiles(s)).isInstanceOf(LocalReportFiles.class);
    }

    private static ReportStorageSettings fromEnvironment(Map<String, Object> variables) {
        // Only these variables, not this machine's; under the name Spring gives the environment, which is what makes
        // the binder map CHECKUP_REPORTS_S3_ACCESSKEYID to checkup.reports.s3.access-key-id as in a real start.
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("checkup.reports", ReportStorageSettings.class);
    }
}
