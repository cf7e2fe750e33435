package com.checkup.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import com.checkup.contracts.error.BusinessException;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.dubbo.DubboDefaults;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.flags.FeatureFlag;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.sentinel.FlowRules;
import com.checkup.platform.spring.it.Greeter;
import com.checkup.platform.spring.it.GreeterApp;
import com.checkup.platform.embedded.DubboApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.dubbo.config.ReferenceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot service with nothing but platform-kit and addresses (as local-platform passes them): it exposes
 * readiness, serves Dubbo with our error boundary, and its transactional change + event reach a lane-aware,
 * idempotent subscription with the caller's trace id, through the outbox, on real infrastructure.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class PlatformAutoConfigurationIT {
    private static ConfigurableApplicationContext app;
    private static DubboApps clients;
    private static ReferenceConfig<Greeter> greeter;
    private static int httpPort;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        infra.mariaDb().createDatabase("greeter_it");
        infra.rocketMq().createTopic("greetings");
        httpPort = LoopbackPorts.freePort();
        app = new SpringApplicationBuilder(GreeterApp.class).run(
                "--spring.application.name=greeter",
                "--server.address=127.0.0.1", "--server.port=" + httpPort,
                "--dubbo.protocol.port=" + LoopbackPorts.freePort(),
                "--dubbo.registry.address=" + infra.zooKeeper().dubboUrl(),
                "--spring.datasource.url=" + infra.mariaDb().jdbcUrl("greeter_it"),
                "--spring.datasource.username=root",
                "--spring.flyway.locations=classpath:db/autoconfig-it",
                "--checkup.rocketmq.name-server=" + infra.rocketMq().namesrvAddr(),
                "--checkup.rocketmq.client-interval=1s");
        clients = new DubboApps(infra.zooKeeper().dubboUrl());
        DubboApps.App client = clients.app("greeter-client", null);
        greeter = client.refer(Greeter.class);
        client.start();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> greeter.get().greet("warm-up") != null);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theEventProducersBatchingThreadsWakeRarely() {
        // They wake every half of this hold time, batching or not (RocketMQ's default, 10 ms: 400 wake-ups a second).
        assertThat(app.getBean(org.apache.rocketmq.client.producer.DefaultMQProducer.class).getBatchMaxDelayMs())
                .isEqualTo(PlatformAutoConfiguration.ACCUMULATOR_HOLD_MS).isGreaterThanOrEqualTo(200);
    }

    @Test
    void theOutboxRelayKnowsThisInstanceAndTakesBackAnEarlierProcesssClaimsOnceReady() {
        var env = app.getEnvironment();
        assertThat(PlatformAutoConfiguration.instance(env)).isEqualTo("greeter@" + env.getProperty("dubbo.protocol.host") + ":"
                + env.getProperty("dubbo.protocol.port") + "/" + httpPort);
        assertThat(app.getBeansOfType(org.springframework.context.ApplicationListener.class))
                .containsKey("outboxTakesBackClaimsOfEarlierProcesses");
    }

    @Test
    void aServicesDubboCallsEnterSentinelOnlyWhenAFlowRuleExists() {
        assertThat(app.getEnvironment().getProperty("dubbo.provider.filter")).isEqualTo(DubboDefaults.PROVIDER_FILTER);
        assertThat(app.getEnvironment().getProperty("dubbo.consumer.filter")).isEqualTo(DubboDefaults.CONSUMER_FILTER);
        assertThat(FlowRules.inForce()).isFalse();
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(new CallContext("trace-sentinel", null, "CONSUMER", null, "u1"))) {
            assertThat(greeter.get().greet("Sam")).isEqualTo("Hello Sam");
        }
        assertThat(ClusterBuilderSlot.getClusterNodeMap().keySet()).map(r -> r.getName())
                .noneMatch(n -> n.contains(Greeter.class.getName()));
    }

    @Test
    void readinessIsExposedForTheLauncherAndK8s() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("UP");
    }

    @Test
    void aTransactionalChangeAndItsEventReachTheSubscriptionWithTheCallersTrace() {
        String reply;
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(new CallContext("trace-greet-1", null, "CONSUMER", null, "u1"))) {
            reply = greeter.get().greet("Ada");
        }
        assertThat(reply).isEqualTo("Hello Ada");
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM greeting WHERE name = 'Ada'", Integer.class)).isEqualTo(1);
        // Not failed by another thread's exception (e.g. a Nacos client of an earlier test class shutting down).
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> GreeterApp.RECEIVED.stream()
                .anyMatch(e -> e.context().traceId().equals("trace-greet-1")));
        var event = GreeterApp.RECEIVED.stream().filter(e -> e.context().traceId().equals("trace-greet-1")).findFirst().orElseThrow();
        assertThat(event.eventType()).isEqualTo("greeting.stored");
        assertThat(event.context().persona()).isEqualTo("CONSUMER");
        assertThat(event.payloadJson()).contains("Ada");
    }

    @Test
    void aRejectedChangePublishesNothingAndErrorsKeepTheirCode() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        int eventsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class);
        assertThatThrownBy(() -> greeter.get().greet(" "))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.getCode()).isEqualTo("VALIDATION_FAILED"));
        assertThatThrownBy(() -> greeter.get().fail())
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("INTERNAL");
                    assertThat(e.getMessage()).doesNotContain("internal detail");
                });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class)).isEqualTo(eventsBefore);
    }

    @Test
    void flagsComeFromTheConfigCenter() {
        FeatureFlags flags = app.getBean(FeatureFlags.class);
        FeatureFlag<Integer> cutoff = FeatureFlag.ofInt("cancel-cutoff-hours", 24);
        assertThat(flags.get(cutoff, "H001")).isEqualTo(24);
        flags.set(cutoff, "H001", "12");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> flags.get(cutoff, "H001") == 12);
    }
}
