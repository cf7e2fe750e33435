package com.checkup.fulfillment.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.checkup.platform.embedded.LoopbackPorts;
import com.sun.net.httpserver.HttpServer;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@link S3ReportFiles} against a real S3-protocol server (S3Mock on loopback), and against a store that is down,
 * answers 503 or never answers (the JDK's HTTP server on loopback), with short timeouts so each case is quick.
 */
@ExtendWith(S3MockExtension.class)
class S3ReportFilesIT {
    private static URI endpoint;
    private static S3ReportFiles files;
    /** Looks at the bucket directly: what the service stored, with which encryption. */
    private static S3Client bucket;

    @BeforeAll
    static void start(EmbeddedS3Mock s3mock) {
        endpoint = s3mock.endpoint();
        files = S3ReportFiles.checked(settings(endpoint));
        bucket = s3mock.client();
    }

    @AfterAll
    static void stop() {
        files.close();
        bucket.close();
    }

    @Test
    void aReportIsStoredEncryptedUnderThePrefixAndReadBackWhole() {
        byte[] large = new byte[5 * 1024 * 1024 + 17];
        new Random(18).nextBytes(large);
        String key = "H001/B-" + UUID.randomUUID() + "/R-1.pdf";
        files.write(key, large);
        assertThat(files.read(key)).isEqualTo(large);

        HeadObjectResponse head = bucket.headObject(b -> b.bucket(EmbeddedS3Mock.BUCKET).key("reports/" + key));
        assertThat(head.contentLength()).isEqualTo(large.length);
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        // Chinese in the key and the content survive the trip (keys are UTF-8 in S3, signed as such).
        String chinese = "H002/B-" + UUID.randomUUID() + "/体检报告 张三.pdf";
        byte[] text = "%PDF-1.4 体检结论：未见明显异常".getBytes(StandardCharsets.UTF_8);
        files.write(chinese, text);
        assertThat(new String(files.read(chinese), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 体检结论：未见明显异常");
        assertThat(bucket.headObject(b -> b.bucket(EmbeddedS3Mock.BUCKET).key("reports/" + chinese)).contentLength())
                .isEqualTo(text.length);
    }

    @Test
    void withKmsEveryObjectIsEncryptedWithTheConfiguredKey() {
        ReportStorageSettings.S3 kms = settings(endpoint);
        kms.setEncryption("aws:kms");
        kms.setKmsKeyId(EmbeddedS3Mock.KMS_KEY_ID);
        try (S3ReportFiles withKms = S3ReportFiles.checked(kms)) {
            String key = "H001/B-" + UUID.randomUUID() + "/R-kms.pdf";
            withKms.write(key, "%PDF kms".getBytes(StandardCharsets.UTF_8));
            HeadObjectResponse head = bucket.headObject(b -> b.bucket(EmbeddedS3Mock.BUCKET).key("reports/" + key));
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(head.ssekmsKeyId()).isEqualTo(EmbeddedS3Mock.KMS_KEY_ID);
            assertThat(withKms.read(key)).asString(StandardCharsets.UTF_8).isEqualTo("%PDF kms");
        }
    }

    @Test
    void aMissingReportFailsAsAMissingLocalFileDoes() {
        String key = "H001/B-none/R-" + UUID.randomUUID() + ".pdf";
        assertThatThrownBy(() -> files.read(key))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot read report " + key)
                .cause().isInstanceOf(NoSuchFileException.class);
        LocalReportFiles local = new LocalReportFiles(java.nio.file.Path.of("target", "no-such-dir"));
        assertThatThrownBy(() -> local.read(key)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot read report " + key).cause().isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aKeyIsWrittenOnceAndNeverReplaced() {
        String key = "H001/B-" + UUID.randomUUID() + "/R-once.pdf";
        files.write(key, "%PDF first".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> files.write(key, "%PDF second".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("exists already")
                .cause().isInstanceOf(FileAlreadyExistsException.class);
        assertThat(files.read(key)).asString(StandardCharsets.UTF_8).isEqualTo("%PDF first");
    }

    @Test
    void aKeyThatWouldLeaveItsPrefixIsRefusedBeforeAnyRequest() {
        int before = objectCount();
        for (String bad : new String[] {"../other/x.pdf", "H001/../../x.pdf", "/H001/x.pdf", "H001//x.pdf", "H001/./x.pdf",
                "H001\\..\\x.pdf", "H001/x.pdf\n", "", "a/" + "x".repeat(1100)}) {
            assertThatThrownBy(() -> files.write(bad, new byte[] {1}), bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> files.read(bad), bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(objectCount()).isEqualTo(before);
    }

    @Test
    void aBucketThatDoesNotExistStopsTheStartWithAClearMessage() {
        ReportStorageSettings.S3 s = settings(endpoint);
        s.setBucket("no-such-bucket");
        assertThatThrownBy(() -> S3ReportFiles.checked(s)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bucket no-such-bucket at " + endpoint + " does not exist");
    }

    @Test
    void aStoreThatIsDownFailsFastWithTheReasonAndDoesNotStopTheStart() {
        URI down = URI.create("http://127.0.0.1:" + LoopbackPorts.freePort());
        // Not reachable at start-up is logged only: the store may come back, the service's tasks do not need it.
        try (S3ReportFiles unreachable = S3ReportFiles.checked(quick(settings(down)))) {
            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> unreachable.read("H001/B-1/R-1.pdf"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(t).isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("Cannot read report H001/B-1/R-1.pdf in bucket " + EmbeddedS3Mock.BUCKET + " at " + down)
                    .hasMessageContaining("Connection refused")
                    .hasRootCauseInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> unreachable.write("H001/B-1/R-1.pdf", new byte[] {1}))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("Cannot store report");
        }
    }

    @Test
    void a5xxIsRetriedByTheStandardRetryThenFailsWithTheStatus() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "<Error><Code>ServiceUnavailable</Code><Message>down for a while</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (S3ReportFiles failing = S3ReportFiles.connect(quick(settings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))))) {
            assertThatThrownBy(() -> failing.read("H001/B-1/R-1.pdf")).isInstanceOf(UncheckedIOException.class)
                    .hasMessageEndingWith("HTTP 503 ServiceUnavailable");
            assertThat(requests).hasValue(2); // quick(): max-attempts 2, the configured retry and not the SDK's default 3
            assertThatThrownBy(() -> failing.write("H001/B-1/R-1.pdf", new byte[] {1})).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Cannot store report H001/B-1/R-1.pdf").hasMessageEndingWith("HTTP 503 ServiceUnavailable");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStoreThatNeverAnswersFailsWithinTheCallTimeout() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        ExecutorService handlers = Executors.newCachedThreadPool();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            try {
                end.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try (S3ReportFiles silent = S3ReportFiles.connect(quick(settings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> silent.read("H001/B-1/R-1.pdf")).isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("Cannot read report H001/B-1/R-1.pdf")
                    .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING).containsAnyOf("timeout", "timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        } finally {
            end.countDown();
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    static ReportStorageSettings.S3 settings(URI endpoint) {
        ReportStorageSettings.S3 s = new ReportStorageSettings.S3();
        s.setEndpoint(endpoint);
        s.setRegion(EmbeddedS3Mock.REGION);
        s.setBucket(EmbeddedS3Mock.BUCKET);
        s.setPathStyle(true);
        s.setAccessKeyId("test-" + UUID.randomUUID());
        s.setSecretAccessKey(UUID.randomUUID().toString());
        return s;
    }

    /** Timeouts for a store that misbehaves on purpose: each case is over in about a second. */
    private static ReportStorageSettings.S3 quick(ReportStorageSettings.S3 s) {
        s.setConnectTimeout(Duration.ofMillis(500));
        s.setReadTimeout(Duration.ofMillis(400));
        s.setAttemptTimeout(Duration.ofMillis(600));
        s.setCallTimeout(Duration.ofMillis(1500));
        s.setMaxAttempts(2);
        return s;
    }

    private static int objectCount() {
        return bucket.listObjectsV2(b -> b.bucket(EmbeddedS3Mock.BUCKET)).contents().size();
    }
}
