package com.checkup.fulfillment.storage;

import com.checkup.fulfillment.storage.ReportStorageSettings.Encryption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Report files in an S3-API bucket (AWS S3, Aliyun OSS, MinIO, Ceph RGW) through AWS SDK v2. Only this service reads
 * them, and hands them on after its own access checks and audit: no object is ever public or pre-signed.
 *
 * <ul>
 * <li>Every write asks for server-side encryption (SSE-S3 {@code AES256}, or {@code aws:kms} with the configured key)
 * and carries Content-MD5, so the store rejects a body damaged on the way.</li>
 * <li>No ACL is sent: an object then belongs to the bucket owner and is private as the bucket is. A canned
 * {@code private} would be refused by AWS buckets with ACLs disabled (their default since 2023).</li>
 * <li>A key is written once: {@code If-None-Match: *} makes the store refuse to replace an object (keys are fresh,
 * so this only guards against a bug). A write retried after a lost answer may meet its own object and fail; the desk
 * uploads again under a new key, the first object is an orphan.</li>
 * <li>Failures keep {@link ReportFiles}' contract: a missing object is an {@link UncheckedIOException} caused by
 * {@link NoSuchFileException}, like a missing local file; refused, unreachable, too slow (after the SDK's standard
 * retries within the call timeout) is an {@link UncheckedIOException} saying which.</li>
 * </ul>
 * A body goes in one piece (no aws-chunked encoding) and the SDK adds checksums only where S3 requires them: that is
 * what S3-compatible stores (OSS, older MinIO and Ceph) accept; Content-MD5 covers the body instead.
 */
public final class S3ReportFiles implements ReportFiles, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3ReportFiles.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Encryption encryption;
    private final String kmsKeyId;
    private final boolean writeOnce;
    /** For messages: which store (endpoint or region) and bucket, never credentials. */
    private final String where;

    private S3ReportFiles(S3Client s3, ReportStorageSettings.S3 settings) {
        this.s3 = s3;
        this.bucket = settings.getBucket();
        this.prefix = ReportKeys.prefix(settings.getKeyPrefix());
        this.encryption = settings.encryption();
        this.kmsKeyId = settings.getKmsKeyId();
        this.writeOnce = settings.isWriteOnce();
        this.where = "bucket " + bucket + " at " + (settings.getEndpoint() != null ? settings.getEndpoint()
                : "AWS " + settings.getRegion());
    }

    /** A client for the settings (checked beforehand by {@link ReportStorageSettings#problems()}). */
    public static S3ReportFiles connect(ReportStorageSettings.S3 settings) {
        var builder = S3Client.builder()
                .region(Region.of(settings.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.getAccessKeyId(), settings.getSecretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(settings.getConnectTimeout())
                        .socketTimeout(settings.getReadTimeout())
                        .connectionAcquisitionTimeout(settings.getConnectTimeout())
                        .maxConnections(settings.getMaxConnections()))
                .overrideConfiguration(o -> o
                        .apiCallAttemptTimeout(settings.getAttemptTimeout())
                        .apiCallTimeout(settings.getCallTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.getMaxAttempts()).build()))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.isPathStyle())
                        .chunkedEncodingEnabled(false)
                        .build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.getEndpoint() != null) {
            builder.endpointOverride(settings.getEndpoint());
        }
        return new S3ReportFiles(builder.build(), settings);
    }

    /** {@link #connect}, then {@link #checkBucket} when the settings ask for it (they do by default). */
    public static S3ReportFiles checked(ReportStorageSettings.S3 settings) {
        S3ReportFiles files = connect(settings);
        if (settings.isCheckBucket()) {
            try {
                files.checkBucket();
            } catch (RuntimeException e) {
                files.close();
                throw e;
            }
        }
        return files;
    }

    @Override
    public void write(String key, byte[] content) {
        String objectKey = ReportKeys.objectKey(prefix, key);
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(objectKey)
                .contentLength((long) content.length)
                .contentMD5(md5(content))
                .serverSideEncryption(encryption.header());
        if (encryption == Encryption.KMS) {
            put.ssekmsKeyId(kmsKeyId);
        }
        if (writeOnce) {
            put.ifNoneMatch("*");
        }
        try {
            s3.putObject(put.build(), RequestBody.fromBytes(content));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 412) {
                var exists = new FileAlreadyExistsException(objectKey);
                exists.initCause(e);
                throw new UncheckedIOException("Cannot store report " + key + ": it exists already in " + where, exists);
            }
            throw failure("store", key, e);
        } catch (SdkException e) {
            throw failure("store", key, e);
        }
    }

    @Override
    public byte[] read(String key) {
        String objectKey = ReportKeys.objectKey(prefix, key);
        try {
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(objectKey).build()).asByteArray();
        } catch (NoSuchKeyException e) {
            var missing = new NoSuchFileException(objectKey);
            missing.initCause(e);
            throw new UncheckedIOException("Cannot read report " + key, missing);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    /**
     * At start-up: a bucket that does not exist, or that these credentials may not use, stops the service with a
     * message that says so (a configuration error). A store that does not answer (or answers 5xx) is only logged:
     * it may come back, and fulfillment's tasks do not need it meanwhile; each report call then fails on its own.
     */
    void checkBucket() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
            log.info("Report files in {} (server-side encryption {})", where, encryption.header());
        } catch (AwsServiceException e) {
            switch (e.statusCode()) {
                case 404 -> throw new IllegalStateException("Report storage: " + where + " does not exist"
                        + " (checkup.reports.s3.bucket / endpoint / region)", e);
                case 301, 400 -> throw new IllegalStateException("Report storage: " + where + " refuses this request ("
                        + e.statusCode() + "): wrong region or addressing? (checkup.reports.s3.region, path-style)", e);
                case 401, 403 -> throw new IllegalStateException("Report storage: access to " + where
                        + " is denied (" + e.statusCode() + "): check the credentials and the bucket policy", e);
                default -> log.warn("Report storage {} is not usable now ({}); report uploads and downloads fail until it is",
                        where, reason(e));
            }
        } catch (SdkException e) {
            log.warn("Report storage {} is not reachable now ({}); report uploads and downloads fail until it is",
                    where, reason(e));
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private UncheckedIOException failure(String verb, String key, SdkException e) {
        return new UncheckedIOException("Cannot " + verb + " report " + key + " in " + where + ": " + reason(e),
                new IOException(e.getMessage(), e));
    }

    private static String reason(SdkException e) {
        if (e instanceof ApiCallTimeoutException) {
            return "no answer within the call timeout (retries included)";
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return "no answer within the attempt timeout";
        }
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return "HTTP " + s.statusCode() + (code == null ? "" : " " + code);
        }
        return e.getMessage();
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
