package com.checkup.platform.spring;

import com.checkup.platform.configcenter.ConfigCenter;
import com.checkup.platform.context.InternalIdentity;
import com.checkup.platform.events.EventPublisher;
import com.checkup.platform.events.OutboxEventPublisher;
import com.checkup.platform.events.OutboxRelay;
import com.checkup.platform.events.ProcessedEvents;
import com.checkup.platform.events.Reminders;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.privacy.FieldCipher;
import com.checkup.platform.schema.PlatformSchema;
import com.checkup.platform.sentinel.FlowRules;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires platform-kit into a Spring Boot service: platform tables, outbox publisher and relay, reminders, idempotent lane-aware
 * subscriptions, feature flags and Sentinel flow rules from the config center. A service only adds the dependency and
 * the addresses (local-platform passes them; k8s sets them per environment).
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        TransactionAutoConfiguration.class})
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformAutoConfiguration {

    /** Marker that the platform tables exist; beans that use them depend on it. */
    public static final class PlatformTables {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    static class Persistence {
        @Bean
        PlatformTables platformTables(DataSource dataSource) {
            PlatformSchema.migrate(dataSource);
            return new PlatformTables();
        }

        @Bean
        @ConditionalOnMissingBean
        ProcessedEvents processedEvents(PlatformTables tables, JdbcTemplate jdbc, TransactionTemplate tx) {
            return new ProcessedEvents(jdbc, tx);
        }
    }

    /**
     * RocketMQ 5's producer starts two threads for its automatic batching (off here: every event is sent on its own)
     * that wake every half of this hold time whether or not anything is batched: at the default 10 ms, 400 wake-ups a
     * second, ~10 ms of CPU a second per service at rest. At 400 ms they wake 5 times a second, and a shutdown waits for
     * them 200 ms at most (they are joined, not interrupted).
     */
    static final int ACCUMULATOR_HOLD_MS = 400;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty("checkup.rocketmq.name-server")
    static class Events {
        @Bean(destroyMethod = "shutdown")
        DefaultMQProducer checkupEventProducer(PlatformProperties props,
                                               @Value("${spring.application.name}") String app) throws MQClientException {
            DefaultMQProducer p = new DefaultMQProducer(app + "-events");
            p.setNamesrvAddr(props.getRocketmq().getNameServer());
            p.setInstanceName(app + "-events");
            p.setPollNameServerInterval((int) props.getRocketmq().getClientInterval().toMillis());
            p.setHeartbeatBrokerInterval((int) props.getRocketmq().getClientInterval().toMillis());
            p.setSendMsgTimeout(5_000);
            p.batchMaxDelayMs(ACCUMULATOR_HOLD_MS);
            p.start();
            return p;
        }

        @Bean(destroyMethod = "close")
        OutboxRelay outboxRelay(PlatformTables tables, JdbcTemplate jdbc, DefaultMQProducer producer,
                                PlatformProperties props, Environment env) {
            OutboxRelay relay = new OutboxRelay(jdbc, producer, props.getOutbox().getPollInterval(),
                    props.getOutbox().getLease(), instance(env));
            relay.start();
            return relay;
        }

        /** Once the ports are held (no other live process has this instance's name), an earlier process's claims. */
        @Bean
        ApplicationListener<ApplicationReadyEvent> outboxTakesBackClaimsOfEarlierProcesses(OutboxRelay relay) {
            return ready -> relay.takeBackClaimsOfEarlierProcesses();
        }

        @Bean
        @ConditionalOnMissingBean(EventPublisher.class)
        EventPublisher eventPublisher(JdbcTemplate jdbc, OutboxRelay relay) {
            return new OutboxEventPublisher(jdbc, relay);
        }

        @Bean
        Reminders reminders(DefaultMQProducer producer) {
            return new Reminders(producer);
        }

        @Bean(destroyMethod = "close")
        EventSubscriptions eventSubscriptions(PlatformProperties props, ProcessedEvents processed,
                                              @Value("${dubbo.provider.tag:}") String lane) {
            return new EventSubscriptions(props.getRocketmq().getNameServer(), lane.isBlank() ? null : lane,
                    processed, props);
        }
    }

    /** Outbox backlog and reminders on /actuator/prometheus, when the service has Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Readiness {
        /** Named {@code dubbo}: the readiness group includes it by that name (PlatformDefaults). */
        @Bean("dubbo")
        DubboReadiness dubboReadiness(@Value("${checkup.readiness.min-providers:1}") int minProviders) {
            return new DubboReadiness(new com.checkup.platform.dubbo.ProviderRegistration(ApplicationModel.defaultModel(),
                    minProviders));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {
        @Bean
        EventMetrics checkupEventMetrics(ObjectProvider<OutboxRelay> relay, ObjectProvider<Reminders> reminders) {
            return new EventMetrics(relay, reminders);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${checkup.config-center.address:${dubbo.config-center.address:${dubbo.registry.address:}}}' != ''")
    static class Config {
        @Bean
        DynamicConfiguration checkupConfigCenter(PlatformProperties props,
                @Value("${checkup.config-center.address:${dubbo.config-center.address:${dubbo.registry.address}}}") String url) {
            return ConfigCenter.connect(ApplicationModel.defaultModel(), url, props.getConfigCenter().getUsername(),
                    props.getConfigCenter().getPassword());
        }

        @Bean
        FeatureFlags featureFlags(DynamicConfiguration checkupConfigCenter) {
            return new FeatureFlags(checkupConfigCenter);
        }

        /** Flow rules of this application, live from the config center; blocked calls become TOO_MANY_REQUESTS. */
        @Bean
        FlowRulesBinding flowRulesBinding(DynamicConfiguration checkupConfigCenter,
                                          @Value("${spring.application.name}") String app) {
            FlowRules.watch(checkupConfigCenter, app);
            return new FlowRulesBinding(app);
        }
    }

    /** Work loops stop claiming first when the service stops. */
    @Bean
    static StopClaimingOnClose checkupStopClaimingOnClose() {
        return new StopClaimingOnClose();
    }

    /** The one clock of a service: UTC; a test may define its own. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The internal identity key: without it the service could neither believe a caller nor be believed, so it does not
     * start. From {@code checkup.identity.key} (the environment variable {@code CHECKUP_IDENTITY_KEY}), never a default.
     */
    @Bean
    InternalIdentityKey checkupInternalIdentity(@Value("${checkup.identity.key:}") String key,
                                                @Value("${checkup.identity.also-accepted:}") String alsoAccepted) {
        if (key.isBlank()) {
            throw new IllegalStateException("No internal identity key: set checkup.identity.key (env CHECKUP_IDENTITY_KEY) "
                    + "to base64 of 32+ random bytes, the same in the gateway and every service");
        }
        // During a key rotation only: the other key, believed but never signed with (docs/security.md).
        java.util.List<String> others = java.util.Arrays.asList(alsoAccepted.split(","));
        for (String other : others) {
            try {
                if (!other.isBlank()) {
                    com.checkup.contracts.context.IdentityAssertion.fromBase64(other);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("checkup.identity.also-accepted (env CHECKUP_IDENTITY_ALSOACCEPTED) "
                        + "holds a key that is not base64 of 32+ bytes", e);
            }
        }
        InternalIdentity.install(key, others);
        return new InternalIdentityKey();
    }

    /** Present once the internal identity key is installed. */
    public static final class InternalIdentityKey {
    }

    /** Encryption of personal fields, when the service configures a key ({@code checkup.privacy.current-key}). */
    @Bean
    @ConditionalOnProperty("checkup.privacy.current-key")
    FieldCipher fieldCipher(PlatformProperties props) {
        PlatformProperties.Privacy p = props.getPrivacy();
        String current = p.getCurrentKey().trim();
        String key = p.getKeys().get(current);
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("No encryption key for personal data: set checkup.privacy.keys." + current
                    + " (base64 of 32 random bytes; the CHECKUP_PRIVACY_KEY environment variable in the default config)");
        }
        return new FieldCipher(current, p.getKeys());
    }

    /** Present when this application's flow rules are watched. */
    public record FlowRulesBinding(String application) {
    }

    /**
     * What names this service instance across restarts of its process and no other live instance: the service, its
     * Dubbo address (the pod's IP in k8s, kept by a container restart; fixed ports locally) and its HTTP port. Null when
     * a port is chosen at random or the address is unknown: the instance has no such name.
     */
    static String instance(Environment env) {
        try {
            String app = env.getProperty("spring.application.name");
            String host = env.getProperty("dubbo.protocol.host");
            String dubboPort = env.getProperty("dubbo.protocol.port");
            String httpPort = env.getProperty("server.port");
            for (String v : new String[] {app, host, dubboPort, httpPort}) {
                if (v == null || v.isBlank() || v.equals("0") || v.equals("-1")) {
                    return null;
                }
            }
            return app + "@" + host + ":" + dubboPort + "/" + httpPort;
        } catch (IllegalArgumentException unresolved) {
            return null;
        }
    }
}
