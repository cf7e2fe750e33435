package com.checkup.sync.config;

import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.privacy.FieldCipher;
import com.checkup.sync.app.CredentialVault;
import com.checkup.sync.app.SyncCopies;
import com.checkup.sync.domain.CopyReport;
import com.checkup.sync.domain.HospitalTiers;
import com.checkup.sync.domain.Tier;
import com.checkup.sync.persistence.SyncCopyRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import com.checkup.sync.app.Bookings;
import com.checkup.sync.app.FulfillmentTasks;
import com.checkup.sync.app.HospitalSync;
import com.checkup.sync.app.StatusPull;
import com.checkup.platform.work.WorkLoop;
import com.checkup.sync.domain.SyncJob;
import com.checkup.sync.domain.TrackedBooking;
import com.checkup.sync.connector.HospitalCircuits;
import com.checkup.sync.connector.HttpJsonConnector;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.sync.persistence.SyncJobRepository;
import com.checkup.sync.persistence.TrackedBookingRepository;
import com.checkup.contracts.flags.ConnectorHosts;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CredentialKeys.class)
public class SyncConfig {
    private static final Logger log = LoggerFactory.getLogger(SyncConfig.class);

    /**
     * {@code checkup.sync.tiers}: the named tiers of hospitals, the same for every copy. A value this service cannot
     * read exactly stops it at start, with what is wrong.
     */
    @Bean
    HospitalTiers hospitalTiers(@Value("${checkup.sync.tiers:}") String tiers) {
        return HospitalTiers.parse(tiers);
    }

    /** {@code checkup.sync.tier}: the hospitals this copy serves (empty: the default copy); an unknown tier stops it. */
    @Bean
    Tier syncTier(HospitalTiers tiers, @Value("${checkup.sync.tier:}") String tier) {
        Tier t = tiers.tier(tier);
        log.info("This copy of hospital-sync-service is {}", t);
        return t;
    }

    /** The running copies' reports (tier, circuits): what lets any copy answer ops for every hospital. */
    @Bean(destroyMethod = "leave")
    SyncCopies syncCopies(SyncCopyRepository copies, HospitalCircuits circuits, HospitalTiers tiers, Tier tier,
                          @Value("${dubbo.provider.tag:}") String lane,
                          @Value("${checkup.sync.copy-report.every:5s}") Duration every, Clock clock) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        String instance = tier.name() + (lane.isBlank() ? "" : "@" + lane.trim()) + "/" + host + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return new SyncCopies(copies, circuits, tiers, tier, instance.length() > 160 ? instance.substring(0, 160) : instance,
                every, clock);
    }

    /** {@code /actuator/info}: which tier this copy serves, and the copies running now. */
    @Bean
    InfoContributor hospitalSyncInfo(SyncCopies copies) {
        return builder -> {
            Tier tier = copies.tier();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("tier", tier.name());
            if (tier.isDefault()) {
                info.put("serves", "every hospital in no tier");
                info.put("leavesToTiers", tier.except());
            } else {
                info.put("serves", tier.only());
            }
            info.put("instance", copies.instance());
            try {
                Map<String, List<String>> running = new TreeMap<>();
                copies.live().forEach(c -> running.computeIfAbsent(c.tier(), k -> new ArrayList<>()).add(c.instance()));
                info.put("runningCopies", running);
                info.put("tierMapsInUse", CopyReport.maps(copies.live()));
            } catch (RuntimeException e) {
                info.put("runningCopies", "unknown: " + e.getMessage());
            }
            builder.withDetail("hospitalSync", info);
        };
    }

    /** Connector credentials, encrypted under the credential key; without one configured, none can be stored or used. */
    @Bean
    CredentialVault credentialVault(DynamicConfiguration checkupConfigCenter, CredentialKeys keys, Tier tier,
                                    @Value("${checkup.sync.credentials.allow-plain-http:false}") boolean allowPlainHttp) {
        java.util.Map<String, String> given = new java.util.LinkedHashMap<>();
        keys.getKeys().forEach((id, key) -> {
            if (key != null && !key.isBlank()) {
                given.put(id, key);
            }
        });
        FieldCipher cipher = given.isEmpty() ? null
                : new FieldCipher(keys.getCurrentKey() == null ? "" : keys.getCurrentKey().trim(), given);
        return new CredentialVault(checkupConfigCenter, cipher, allowPlainHttp, tier::serves);
    }

    /** Existing credentials move to the current key as soon as the service starts (then every few minutes). */
    @Bean
    org.springframework.boot.ApplicationRunner credentialReencryption(CredentialVault vault) {
        return args -> vault.reencrypt();
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

    @Bean
    HospitalSync hospitalSync(SyncJobRepository jobs, FeatureFlags flags, HospitalCircuits circuits, HttpJsonConnector http,
                              Bookings bookings, FulfillmentTasks fulfillment,
                              @Value("${checkup.sync.retry.attempts}") int attempts,
                              @Value("${checkup.sync.retry.first}") Duration first,
                              @Value("${checkup.sync.retry.multiplier}") double multiplier,
                              @Value("${checkup.sync.retry.max}") Duration max, TrackedBookingRepository tracked,
                              CredentialVault credentials, Clock clock) {
        return new HospitalSync(jobs, flags, circuits, http, bookings, fulfillment,
                new RetryPolicy(attempts, first, multiplier, max), tracked, credentials, clock);
    }

    @Bean
    StatusPull statusPull(TrackedBookingRepository tracked, FeatureFlags flags, HospitalCircuits circuits,
                          HttpJsonConnector http, Bookings bookings, FulfillmentTasks fulfillment,
                          @Value("${checkup.sync.status-pull.every}") Duration every, CredentialVault credentials,
                          Clock clock) {
        return new StatusPull(tracked, flags, circuits, http, bookings, fulfillment, every, credentials, clock);
    }

    /**
     * Due sync jobs of this copy's hospitals, claimed one per idle worker (a connector call can be slow: each job has a
     * worker to itself). A stopping copy claims nothing more (platform-kit stops every work loop first at close): what
     * it claimed finishes, or its claim lapses and the copy responsible then takes it up.
     */
    @Bean(destroyMethod = "close")
    WorkLoop<SyncJob> syncJobLoop(SyncJobRepository jobs, HospitalSync sync, Clock clock,
                                  @Value("${checkup.sync.workers}") int workers,
                                  @Value("${checkup.sync.poll-interval}") Duration every) {
        return new WorkLoop<>("sync-worker", jobs, WorkLoop.each(sync::run),
                new WorkLoop.Settings(workers, 1, Duration.ofMinutes(2), every), clock, HospitalSync.SERVICE).start();
    }

    /** Tracked bookings due for a status pull, one per idle puller; a claim outlasts the pull interval by a minute. */
    @Bean(destroyMethod = "close")
    WorkLoop<TrackedBooking> statusPullLoop(TrackedBookingRepository tracked, StatusPull pull, Clock clock,
                                            @Value("${checkup.sync.status-pull.workers}") int workers,
                                            @Value("${checkup.sync.status-pull.poll-interval}") Duration pollInterval,
                                            @Value("${checkup.sync.status-pull.every}") Duration every) {
        return new WorkLoop<>("status-pull", tracked, WorkLoop.each(pull::pull),
                new WorkLoop.Settings(workers, 1, every.plusMinutes(1), pollInterval), clock, HospitalSync.SERVICE).start();
    }
}
