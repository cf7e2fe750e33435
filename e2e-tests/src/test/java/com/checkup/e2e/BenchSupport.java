package com.checkup.e2e;

import com.checkup.localplatform.PlatformConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the benchmarks share: the install's secrets, tokens for many users, a service's pid, percentiles. */
final class BenchSupport {
    private BenchSupport() {
    }

    static long pid(String jar, String arg) {
        return ProcessHandle.allProcesses().filter(p -> {
            String c = p.info().commandLine().orElse("");
            return c.contains(jar) && c.contains(arg);
        }).findFirst().orElseThrow(() -> new AssertionError("no process " + jar + " " + arg)).pid();
    }

    static String secret(PlatformConfig config, String name) throws IOException {
        Properties secrets = new Properties();
        try (Reader r = Files.newBufferedReader(config.home().resolve("data").resolve("secrets.properties"))) {
            secrets.load(r);
        }
        return secrets.getProperty(name);
    }

    /** A consumer's token, as the gateway's login would sign it (no login per simulated user). */
    static String token(byte[] key, String user) throws Exception {
        long now = Instant.now().getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"checkup\",\"sub\":\"" + user + "\",\"persona\":\"CONSUMER\",\"iat\":" + now
                + ",\"exp\":" + (now + 7200) + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sorted copy's p-th percentile (0..1). */
    static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", percentile(v, 0.5),
                percentile(v, 0.9), percentile(v, 0.99), v[v.length - 1]);
    }

    static boolean waitFor(BooleanSupplier done, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
