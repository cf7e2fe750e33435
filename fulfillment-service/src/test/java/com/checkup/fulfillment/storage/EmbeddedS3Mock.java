package com.checkup.fulfillment.storage;

import com.checkup.platform.embedded.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe's S3Mock as a process of its own (its executable jar, path in system property {@code checkup.s3mock.jar}),
 * plain HTTP on a free 127.0.0.1 port, with the reports bucket created and one KMS key it accepts. Started by
 * {@link S3MockExtension} once per test JVM and stopped by process at the end of the run.
 */
public final class EmbeddedS3Mock implements ExtensionContext.Store.CloseableResource {
    public static final String BUCKET = "checkup-reports";
    public static final String REGION = "us-east-1";
    /** S3Mock accepts aws:kms only with a key it was given as an ARN, and then by its id (AWS takes either). */
    public static final String KMS_KEY_ID = "checkup-reports-test";
    private static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:000000000000:key/" + KMS_KEY_ID;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;
    private volatile boolean ready;

    private EmbeddedS3Mock(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Launches the process and returns at once: {@link #endpoint()} waits for it (start takes about 3 s). */
    static EmbeddedS3Mock launch() {
        String jar = System.getProperty("checkup.s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Mock's exec jar not found (system property checkup.s3mock.jar = " + jar
                    + "); the module's pom copies it to target/s3mock in generate-test-resources");
        }
        try {
            Path dir = Path.of(System.getProperty("checkup.infra.logs", "target")).toAbsolutePath()
                    .resolve("s3mock-runs").resolve(Long.toString(ProcessHandle.current().pid()));
            Files.createDirectories(dir.resolve("store"));
            Path loader = addon(dir.resolve("loader"));
            int http = LoopbackPorts.freePortWithNeighbours(1);
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a test tool on a 2-core machine: small heap, C1 only, serial GC
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                    "-Djava.net.preferIPv4Stack=true", "-Duser.home=" + dir,
                    // PropertiesLauncher instead of the jar's own launcher: it lets loader.path add S3MockLoopback
                    "-Dloader.path=" + loader, "-cp", jar, "org.springframework.boot.loader.launch.PropertiesLauncher",
                    "--spring.main.sources=" + S3MockLoopback.class.getName(),
                    "--server.address=127.0.0.1", "--server.port=" + (http + 1),
                    "--com.adobe.testing.s3mock.httpPort=" + http,
                    "--com.adobe.testing.s3mock.store.root=" + dir.resolve("store"),
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                    "--com.adobe.testing.s3mock.store.validKmsKeys=" + KMS_KEY_ARN,
                    "--spring.main.banner-mode=off"));
            Path log = dir.resolve("s3mock.log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new EmbeddedS3Mock(p, http, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start S3Mock", e);
        }
    }

    /** http://127.0.0.1:port, once S3Mock answers (bounded; a dead or silent process fails with its log). */
    public URI endpoint() {
        URI uri = URI.create("http://127.0.0.1:" + port);
        if (ready) {
            return uri;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                // ListBuckets: answers 200 once the web server and the store are up
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri.resolve("/")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    if (!logTail().contains(S3MockLoopback.BOUND)) {
                        throw new IllegalStateException("S3Mock runs without S3MockLoopback: its HTTP port may listen"
                                + " beyond loopback. Log: " + logTail());
                    }
                    ready = true;
                    return uri;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for S3Mock", e);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT + ": " + logTail());
    }

    /** A plain client of the bucket, to look at what a store wrote (the caller closes it). */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.of(REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** S3MockLoopback's class file in a directory of its own: S3Mock gets that one class, not our test class path. */
    private static Path addon(Path loader) throws IOException {
        String resource = S3MockLoopback.class.getName().replace('.', '/') + ".class";
        Path target = loader.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = EmbeddedS3Mock.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            Files.write(target, in.readAllBytes());
        }
        return loader;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
