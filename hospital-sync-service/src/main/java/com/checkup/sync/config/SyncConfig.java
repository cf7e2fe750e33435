package com.checkup.sync.config;

import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.privacy.FieldCipher;
import com.checkup.sync.app.CredentialVault;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import com.checkup.sync.app.HospitalSync;
import com.checkup.sync.app.StatusPull;
import com.checkup.sync.app.Workers;
import com.checkup.sync.connector.HospitalCircuits;
import com.checkup.sync.connector.HttpJsonConnector;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.sync.persistence.SyncJobRepository;
import com.checkup.sync.persistence.TrackedBookingRepository;
import com.checkup.sync.rpc.BookingClient;
import com.checkup.sync.rpc.FulfillmentClient;
import com.checkup.contracts.flags.ConnectorHosts;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CredentialKeys.class)
public class SyncConfig {
    /** Connector credentials, encrypted under the credential key; without one configured, none can be stored or used. */
    @Bean
    CredentialVault credentialVault(DynamicConfiguration checkupConfigCenter, CredentialKeys keys,
                                    @Value("${checkup.sync.credentials.allow-plain-http:false}") boolean allowPlainHttp) {
        java.util.Map<String, String> given = new java.util.LinkedHashMap<>();
        keys.getKeys().forEach((id, key) -> {
            if (key != null && !key.isBlank()) {
                given.put(id, key);
            }
        });
        FieldCipher cipher = given.isEmpty() ? null
                : new FieldCipher(keys.getCurrentKey() == null ? "" : keys.getCurrentKey().trim(), given);
        return new CredentialVault(checkupConfigCenter, cipher, allowPlainHttp);
    }

    /** Existing credentials move to the current key as soon as the service starts (then every few minutes). */
    @Bean
    org.springframework.boot.ApplicationRunner credentialReencryption(CredentialVault vault) {
        return args -> vault.reencrypt();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    HospitalCircuits hospitalCircuits(@Value("${checkup.sync.breaker.error-ratio}") double errorRatio,
                                      @Value("${checkup.sync.breaker.min-requests}") int minRequests,
                                      @Value("${checkup.sync.breaker.stat-interval}") Duration statInterval,
                                      @Value("${checkup.sync.breaker.open-for}") Duration openFor,
                                      @Value("${checkup.sync.breaker.slow-call}") Duration slowCall,
                                      @Value("${checkup.sync.in-flight-per-hospital}") int inFlight) {
        return new HospitalCircuits(new HospitalCircuits.Settings(errorRatio, minRequests, (int) statInterval.toMillis(),
                (int) Math.max(1, openFor.toSeconds()), (int) slowCall.toMillis(), inFlight));
    }

    /**
     * Hospital systems are reached only on the hosts of {@code checkup.sync.connector-hosts} (deployment config, no
     * default: none allowed), whatever a connector flag says; redirects are never followed.
     */
    @Bean
    HttpJsonConnector httpJsonConnector(@Value("${checkup.sync.connector-hosts:}") String hosts) {
        return new HttpJsonConnector(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build(), ConnectorHosts.parse(hosts));
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService syncThreads(@Value("${checkup.sync.workers}") int threads) {
        return threads("sync-worker-", threads);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService pullThreads(@Value("${checkup.sync.status-pull.workers}") int threads) {
        return threads("status-pull-", threads);
    }

    private static ExecutorService threads(String prefix, int size) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    HospitalSync hospitalSync(SyncJobRepository jobs, FeatureFlags flags, HospitalCircuits circuits, HttpJsonConnector http,
                              BookingClient bookings, FulfillmentClient fulfillment, ExecutorService syncThreads,
                              @Value("${checkup.sync.workers}") int threads,
                              @Value("${checkup.sync.retry.attempts}") int attempts,
                              @Value("${checkup.sync.retry.first}") Duration first,
                              @Value("${checkup.sync.retry.multiplier}") double multiplier,
                              @Value("${checkup.sync.retry.max}") Duration max, TrackedBookingRepository tracked,
                              CredentialVault credentials, Clock clock) {
        return new HospitalSync(jobs, flags, circuits, http, bookings, fulfillment,
                new RetryPolicy(attempts, first, multiplier, max), new Workers(syncThreads, threads), tracked, credentials, clock);
    }

    @Bean
    StatusPull statusPull(TrackedBookingRepository tracked, FeatureFlags flags, HospitalCircuits circuits,
                          HttpJsonConnector http, BookingClient bookings, FulfillmentClient fulfillment,
                          ExecutorService pullThreads, @Value("${checkup.sync.status-pull.workers}") int threads,
                          @Value("${checkup.sync.status-pull.every}") Duration every, CredentialVault credentials,
                          Clock clock) {
        return new StatusPull(tracked, flags, circuits, http, bookings, fulfillment, new Workers(pullThreads, threads),
                every, credentials, clock);
    }

    /** The workers' heartbeat: due jobs and due status pulls are claimed and started. */
    @Bean
    SyncWorker syncWorker(HospitalSync sync, StatusPull pull) {
        return new SyncWorker(sync, pull);
    }

    public static final class SyncWorker {
        private final HospitalSync sync;
        private final StatusPull pull;

        SyncWorker(HospitalSync sync, StatusPull pull) {
            this.sync = sync;
            this.pull = pull;
        }

        @Scheduled(fixedDelayString = "${checkup.sync.poll-interval}", initialDelayString = "${checkup.sync.poll-interval}")
        public void poll() {
            sync.runDue();
        }

        @Scheduled(fixedDelayString = "${checkup.sync.status-pull.poll-interval}",
                initialDelayString = "${checkup.sync.status-pull.poll-interval}")
        public void pullStatus() {
            pull.pullDue();
        }
    }
}
