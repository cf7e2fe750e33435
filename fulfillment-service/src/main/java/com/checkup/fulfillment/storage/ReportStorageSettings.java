package com.checkup.fulfillment.storage;

import com.checkup.platform.net.OutsideEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code checkup.reports.*}: which store holds report files and how to reach it. Checked at start-up
 * ({@link #problems()}): a service told to use object storage but not told where, or without credentials, does not
 * start. Credentials come from the environment (a Secret in k8s); no config file has a value for them.
 */
@ConfigurationProperties("checkup.reports")
public class ReportStorageSettings {
    public enum Store {
        /** A directory of this machine ({@code dir}): local platform ({@code up}) and tests. */
        LOCAL,
        /** An S3-API bucket (AWS S3, Aliyun OSS, MinIO, Ceph RGW): k8s. */
        S3
    }


    /** No default: application.yml names the store, so which one runs is always a visible choice. */
    private Store store;
    private String dir;
    private final S3 s3 = new S3();

    public Store getStore() {
        return store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    public S3 getS3() {
        return s3;
    }

    /** What is missing or wrong for the chosen store, each naming the property and its environment variable. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (store == null) {
            p.add(missing("checkup.reports.store", "local or s3"));
            return p;
        }
        if (store == Store.LOCAL) {
            if (blank(dir)) {
                p.add(missing("checkup.reports.dir", "the directory for report files"));
            }
            return p;
        }
        if (blank(s3.region)) {
            p.add(missing("checkup.reports.s3.region", "e.g. cn-hangzhou, eu-central-1; us-east-1 for MinIO"));
        }
        if (blank(s3.bucket)) {
            p.add(missing("checkup.reports.s3.bucket", "an existing private bucket"));
        }
        if (blank(s3.accessKeyId)) {
            p.add(missing("checkup.reports.s3.access-key-id", "from the deployment's Secret"));
        }
        if (blank(s3.secretAccessKey)) {
            p.add(missing("checkup.reports.s3.secret-access-key", "from the deployment's Secret"));
        }
        if (s3.endpoint != null && (s3.endpoint.getScheme() == null || s3.endpoint.getHost() == null
                || !List.of("http", "https").contains(s3.endpoint.getScheme()))) {
            p.add("checkup.reports.s3.endpoint must be an http(s) URL such as https://oss-cn-hangzhou.aliyuncs.com, not '"
                    + s3.endpoint + "'");
        } else if (s3.endpoint != null && !OutsideEndpoints.secure(s3.endpoint)) {
            // medical reports and the request signatures never cross a network in clear text
            p.add("checkup.reports.s3.endpoint must be https beyond loopback, not '" + s3.endpoint + "'");
        }
        if (s3.encryption == Encryption.KMS && blank(s3.kmsKeyId)) {
            p.add(missing("checkup.reports.s3.kms-key-id", "the KMS key objects are encrypted with (encryption=aws:kms)"));
        }
        if (s3.encryption != Encryption.KMS && !blank(s3.kmsKeyId)) {
            p.add("checkup.reports.s3.kms-key-id is set but checkup.reports.s3.encryption is not aws:kms");
        }
        try {
            ReportKeys.prefix(s3.keyPrefix);
        } catch (IllegalArgumentException e) {
            p.add("checkup.reports.s3.key-prefix: " + e.getMessage());
        }
        if (s3.maxAttempts < 1 || s3.maxAttempts > 10) {
            p.add("checkup.reports.s3.max-attempts must be 1..10, not " + s3.maxAttempts);
        }
        positive(p, "connect-timeout", s3.connectTimeout);
        positive(p, "read-timeout", s3.readTimeout);
        positive(p, "attempt-timeout", s3.attemptTimeout);
        positive(p, "call-timeout", s3.callTimeout);
        if (p.isEmpty() && s3.callTimeout.compareTo(s3.attemptTimeout) < 0) {
            p.add("checkup.reports.s3.call-timeout (" + s3.callTimeout + ") is shorter than one attempt (attempt-timeout "
                    + s3.attemptTimeout + ")");
        }
        return p;
    }

    private static void positive(List<String> problems, String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            problems.add("checkup.reports.s3." + name + " must be positive");
        }
    }

    private static String missing(String property, String hint) {
        String env = property.toUpperCase().replace('.', '_').replace("-", "");
        return property + " (" + env + ") is not set: " + hint;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The server-side encryption asked for on every write: the header value S3 expects. */
    public enum Encryption {
        AES256("AES256"),
        KMS("aws:kms");

        private final String header;

        Encryption(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }

        /** Accepts the header value ({@code AES256}, {@code aws:kms}) as configured. */
        public static Encryption of(String value) {
            for (Encryption e : values()) {
                if (e.header.equalsIgnoreCase(value) || e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("checkup.reports.s3.encryption must be AES256 or aws:kms, not '" + value + "'");
        }
    }

    public static class S3 {
        /** Empty: AWS's own endpoint for the region. Aliyun OSS, MinIO, Ceph: their URL. */
        private URI endpoint;
        private String region;
        private String bucket;
        /** Path-style URLs (endpoint/bucket/key): MinIO and Ceph usually; AWS and OSS want virtual-hosted (false). */
        private boolean pathStyle;
        /** Every report key is put under this prefix, so the bucket may hold other things beside reports. */
        private String keyPrefix = "reports/";
        private String accessKeyId;
        private String secretAccessKey;
        private Encryption encryption = Encryption.AES256;
        private String kmsKeyId;
        /** Sends If-None-Match: * on every write (a key is written once); off for a provider that refuses it. */
        private boolean writeOnce = true;
        /** HeadBucket at start-up: a bucket that does not exist or is not ours stops the start. */
        private boolean checkBucket = true;
        private Duration connectTimeout = Duration.ofSeconds(3);
        /** Silence on an open connection, between two packets. */
        private Duration readTimeout = Duration.ofSeconds(10);
        /** One HTTP attempt, a 4 MB report included. */
        private Duration attemptTimeout = Duration.ofSeconds(15);
        /** The whole call, retries and their back-off included: what a desk or examinee waits at most. */
        private Duration callTimeout = Duration.ofSeconds(30);
        /** The SDK's standard retry (5xx, throttling, I/O errors, with jittered back-off): attempts in all. */
        private int maxAttempts = 3;
        private int maxConnections = 50;

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public boolean isPathStyle() {
            return pathStyle;
        }

        public void setPathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public String getSecretAccessKey() {
            return secretAccessKey;
        }

        public void setSecretAccessKey(String secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
        }

        public String getEncryption() {
            return encryption.header();
        }

        public void setEncryption(String encryption) {
            this.encryption = Encryption.of(encryption);
        }

        public Encryption encryption() {
            return encryption;
        }

        public String getKmsKeyId() {
            return kmsKeyId;
        }

        public void setKmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
        }

        public boolean isWriteOnce() {
            return writeOnce;
        }

        public void setWriteOnce(boolean writeOnce) {
            this.writeOnce = writeOnce;
        }

        public boolean isCheckBucket() {
            return checkBucket;
        }

        public void setCheckBucket(boolean checkBucket) {
            this.checkBucket = checkBucket;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getAttemptTimeout() {
            return attemptTimeout;
        }

        public void setAttemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
        }

        public Duration getCallTimeout() {
            return callTimeout;
        }

        public void setCallTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }
    }
}
