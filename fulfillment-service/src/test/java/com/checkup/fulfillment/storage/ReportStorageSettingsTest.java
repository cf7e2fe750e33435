package com.checkup.fulfillment.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReportStorageSettingsTest {

    @Test
    void objectStorageWithoutBucketRegionOrCredentialsNamesEachMissingSetting() {
        ReportStorageSettings s = new ReportStorageSettings();
        s.setStore(ReportStorageSettings.Store.S3);
        assertThat(s.problems()).containsExactly(
                "checkup.reports.s3.region (CHECKUP_REPORTS_S3_REGION) is not set: e.g. cn-hangzhou, eu-central-1; us-east-1 for MinIO",
                "checkup.reports.s3.bucket (CHECKUP_REPORTS_S3_BUCKET) is not set: an existing private bucket",
                "checkup.reports.s3.access-key-id (CHECKUP_REPORTS_S3_ACCESSKEYID) is not set: from the deployment's Secret",
                "checkup.reports.s3.secret-access-key (CHECKUP_REPORTS_S3_SECRETACCESSKEY) is not set: from the deployment's Secret");
    }

    @Test
    void aCompleteObjectStorageSettingPassesAndKmsNeedsItsKey() {
        ReportStorageSettings s = complete();
        assertThat(s.problems()).isEmpty();
        s.getS3().setEncryption("aws:kms");
        assertThat(s.problems()).singleElement().asString().startsWith("checkup.reports.s3.kms-key-id (CHECKUP_REPORTS_S3_KMSKEYID) is not set");
        s.getS3().setKmsKeyId("arn:aws:kms:cn-north-1:1:key/k");
        assertThat(s.problems()).isEmpty();
        s.getS3().setEncryption("AES256");
        assertThat(s.problems()).containsExactly("checkup.reports.s3.kms-key-id is set but checkup.reports.s3.encryption is not aws:kms");
        assertThatThrownBy(() -> s.getS3().setEncryption("none")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkup.reports.s3.encryption must be AES256 or aws:kms, not 'none'");
    }

    @Test
    void badEndpointPrefixAndTimeoutsAreRefused() {
        ReportStorageSettings s = complete();
        s.getS3().setEndpoint(URI.create("oss-cn-hangzhou.aliyuncs.com"));
        s.getS3().setKeyPrefix("../reports");
        s.getS3().setMaxAttempts(0);
        s.getS3().setAttemptTimeout(Duration.ZERO);
        assertThat(s.problems()).hasSize(4).anySatisfy(p -> assertThat(p).startsWith("checkup.reports.s3.endpoint must be an http(s) URL"))
                .anySatisfy(p -> assertThat(p).startsWith("checkup.reports.s3.key-prefix: Bad report key prefix"));
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        ReportStorageSettings s = complete();
        s.getS3().setEndpoint(URI.create("http://minio.checkup-infra.svc:9000"));
        assertThat(s.problems()).containsExactly("checkup.reports.s3.endpoint must be https beyond loopback, not 'http://minio.checkup-infra.svc:9000'");
        s.getS3().setEndpoint(URI.create("https://minio.checkup-infra.svc:9000"));
        assertThat(s.problems()).isEmpty();
        s.getS3().setEndpoint(URI.create("http://127.0.0.1:9000"));
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void noStoreChosenIsAProblemAndTheLocalStoreNeedsItsDirectory() {
        ReportStorageSettings s = new ReportStorageSettings();
        assertThat(s.problems()).containsExactly("checkup.reports.store (CHECKUP_REPORTS_STORE) is not set: local or s3");
        s.setStore(ReportStorageSettings.Store.LOCAL);
        assertThat(s.problems()).singleElement().asString().startsWith("checkup.reports.dir");
        s.setDir("/var/lib/checkup/reports");
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void keyPrefixIsNormalisedAndKeysStayBelowIt() {
        assertThat(ReportKeys.prefix("reports")).isEqualTo("reports/");
        assertThat(ReportKeys.prefix("tenant-a/reports/")).isEqualTo("tenant-a/reports/");
        assertThat(ReportKeys.prefix("")).isEmpty();
        assertThat(ReportKeys.objectKey("reports/", "H001/B-1/R-1.pdf")).isEqualTo("reports/H001/B-1/R-1.pdf");
        assertThatThrownBy(() -> ReportKeys.prefix("/reports")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportKeys.objectKey("reports/", "H001/..")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ReportStorageSettings complete() {
        ReportStorageSettings s = new ReportStorageSettings();
        s.setStore(ReportStorageSettings.Store.S3);
        s.getS3().setRegion("cn-hangzhou");
        s.getS3().setBucket("checkup-reports");
        s.getS3().setAccessKeyId("id");
        s.getS3().setSecretAccessKey("secret");
        return s;
    }
}
