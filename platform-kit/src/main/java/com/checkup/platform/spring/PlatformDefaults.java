package com.checkup.platform.spring;

import com.checkup.platform.dubbo.DubboDefaults;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence (a service's application.yml or the command line wins):
 * our error boundary instead of Dubbo's exception filter, no QoS port, interface-level registration, probes for
 * k8s, graceful shutdown, trace id and lane in every log line.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {
    static final String SOURCE = "checkupPlatformDefaults";
    /**
     * One line per event, whatever a message or an exception's message holds: a CR/LF that came from a request (an id,
     * a channel name) must not write a line of its own into the log. A stack trace is on its event's line too
     * ({@code %nopex}: logback would otherwise append the raw one again, not seeing it inside {@code %replace}).
     */
    static final String LOG_LINE = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p [%X{traceId:-},%X{lane:-}] [%15.15t] "
            + "%-40.40logger{39} : %replace(%m){'[\\r\\n\\u2028\\u2029]+', ' | '}"
            + "%replace(%wEx){'[\\r\\n\\u2028\\u2029]+', ' | '}%nopex%n";

    /** {@code checkup.log.format} (env {@code CHECKUP_LOG_FORMAT}): {@code json} for one JSON object per line. */
    static final String LOG_FORMAT = "checkup.log.format";
    /**
     * Latency buckets of Dubbo's per-method histogram (ms): 11 series per method and side, enough for a p99 alert, and
     * no percentile gauges (those are per instance and cannot be aggregated).
     */
    static final String DUBBO_RT_BUCKETS_MS = "5,10,25,50,100,250,500,1000,2500,5000";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
        Map<String, Object> d = new LinkedHashMap<>();
        dubboMetrics(d);
        d.put("dubbo.provider.filter", DubboDefaults.PROVIDER_FILTER);
        d.put("dubbo.consumer.filter", DubboDefaults.CONSUMER_FILTER);
        d.put("dubbo.application.qos-enable", "false");
        d.put("dubbo.application.register-mode", "interface");
        d.put("dubbo.application.service-discovery.migration", "FORCE_INTERFACE");
        d.put("dubbo.application.name", "${spring.application.name}");
        d.put("dubbo.protocol.name", "dubbo");
        // The address Dubbo listens on and registers is always given (local-platform and tests: a name that resolves to
        // 127.0.0.1; k8s: the pod IP); never "all interfaces". Without it the service does not start.
        d.put("dubbo.protocol.host", "${DUBBO_IP_TO_BIND}");
        // Every service lives under com.checkup; @DubboService classes there are exported without @EnableDubbo.
        d.put("dubbo.scan.base-packages", "com.checkup");
        d.put("dubbo.consumer.check", "false");
        d.put("dubbo.consumer.retries", "0");
        // A caller notices a provider that died within 5 s and reconnects as soon as it is back: Dubbo's reconnect check
        // runs every heartbeat (default 60 s), and a provider restarted on the same address (a container restart keeps
        // the pod's IP; `up` keeps the ports) is the same registry entry, so nothing else tells the caller it is back.
        d.put("dubbo.protocol.heartbeat", "5000");
        // The platform tables (own history table) may be created first: the service's Flyway must accept that.
        // MySQL Connector/J: parse each SQL text once per connection, not per statement, and skip round trips that
        // only re-set session state the driver already knows (autocommit flips of every transaction).
        d.put("spring.datasource.hikari.data-source-properties.cachePrepStmts", "true");
        d.put("spring.datasource.hikari.data-source-properties.prepStmtCacheSize", "250");
        d.put("spring.datasource.hikari.data-source-properties.prepStmtCacheSqlLimit", "2048");
        d.put("spring.datasource.hikari.data-source-properties.useLocalSessionState", "true");
        d.put("spring.datasource.hikari.data-source-properties.cacheServerConfiguration", "true");
        // A read-only transaction stays read-only in Spring and the driver, without two SET SESSION TRANSACTION round
        // trips around it (a one-SELECT read was three statements more than its SELECT).
        d.put("spring.datasource.hikari.data-source-properties.readOnlyPropagatesToServer", "false");
        // No JDBC spans: trace ids travel in our own context and logs; the driver's OpenTelemetry hook cost a span
        // start and end per statement even with no exporter (1 % of the hold benchmark's CPU).
        d.put("spring.datasource.hikari.data-source-properties.openTelemetry", "DISABLED");
        d.put("spring.flyway.baseline-on-migrate", "true");
        d.put("spring.flyway.baseline-version", "0");
        d.put("management.endpoint.health.probes.enabled", "true");
        // Ready = callable: the provided services are in the registry (DubboReadiness), not merely "context started".
        d.put("management.endpoint.health.group.readiness.include", "readinessState,dubbo");
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        // Which service a series is from, whatever labels the scraper adds (alerts group by it).
        d.put("management.metrics.tags.application", "${spring.application.name}");
        d.put("server.shutdown", "graceful");
        d.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        d.put("logging.pattern.level", "%5p [%X{traceId:-},%X{lane:-}]");
        d.put("logging.pattern.console", LOG_LINE);
        d.put("logging.pattern.file", LOG_LINE);
        // JSON lines for production (log shippers parse them; every MDC key its own field): Spring Boot's structured
        // logging in the Logstash layout. One switch for console and file; human lines stay the default.
        String format = env.getProperty(LOG_FORMAT, "text").trim();
        if (format.equalsIgnoreCase("json")) {
            d.put("logging.structured.format.console", "logstash");
            d.put("logging.structured.format.file", "logstash");
        } else if (!format.equalsIgnoreCase("text")) {
            throw new IllegalStateException(LOG_FORMAT + " (CHECKUP_LOG_FORMAT) is 'text' or 'json', not '" + format + "'");
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE, d));
    }

    /**
     * Dubbo's own RPC metrics (requests, failures by kind, latency per interface and method, provider and consumer
     * side) into Micrometer's global registry, where Spring Boot's Prometheus registry also sits: they come out on
     * /actuator/prometheus with ours. Kept cheap: method level but no sliding-window aggregation (QPS and percentile
     * gauges computed on every call), no second set of JVM meters (Spring Boot binds them), no registry/metadata/
     * thread-pool/Netty families, and no metrics service of Dubbo's own. Dubbo copies its counters into Micrometer by a
     * sync job (default every 60 s: a method's first call would show only a minute later); 10 s here.
     */
    private static void dubboMetrics(Map<String, Object> d) {
        d.put("dubbo.metrics.use-global-registry", "true");
        d.put("dubbo.metrics.protocol", "default");
        d.put("dubbo.metrics.enable-rpc", "true");
        d.put("dubbo.metrics.rpc-level", "METHOD");
        d.put("dubbo.metrics.enable-jvm", "false");
        d.put("dubbo.metrics.enable-registry", "false");
        d.put("dubbo.metrics.enable-metadata", "false");
        d.put("dubbo.metrics.enable-threadpool", "false");
        d.put("dubbo.metrics.enable-netty", "false");
        d.put("dubbo.metrics.enable-metrics-init", "false");
        d.put("dubbo.metrics.export-metrics-service", "false");
        d.put("dubbo.metrics.enable-collector-sync", "true");
        d.put("dubbo.metrics.collector-sync-period", "10");
        d.put("dubbo.metrics.aggregation.enabled", "false");
        d.put("dubbo.metrics.histogram.enabled", "true");
        d.put("dubbo.metrics.histogram.enabled-percentiles", "false");
        d.put("dubbo.metrics.histogram.buckets-ms", DUBBO_RT_BUCKETS_MS);
    }
}
