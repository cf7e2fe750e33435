package com.checkup.platform.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import com.checkup.contracts.error.BusinessException;
import com.checkup.platform.configcenter.ConfigCenter;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.sentinel.FlowRules;
import com.checkup.platform.embedded.DubboApps;
import java.time.Duration;
import java.util.List;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real ZooKeeper registry, real Dubbo providers on loopback: A (baseline + gray) → B (baseline only) →
 * C (baseline + gray). Lane, trace and caller identity must survive every hop; a lane without an instance of a
 * service falls back to the baseline for that hop only.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class LanePropagationIT {
    private static DubboApps apps;
    private static ReferenceConfig<Hops.HopA> entry;

    @BeforeAll
    static void startServices(TestInfrastructure infra) {
        apps = new DubboApps(infra.zooKeeper().dubboUrl());
        for (String lane : new String[] {null, "gray"}) {
            DubboApps.App c = apps.app("hop-c" + (lane == null ? "" : "-" + lane), lane);
            c.provide(Hops.HopC.class, new Hops.Impl("C", lane, null)).start();
        }
        DubboApps.App b = apps.app("hop-b", null);
        ReferenceConfig<Hops.HopC> bToC = b.refer(Hops.HopC.class);
        b.provide(Hops.HopB.class, new Hops.Impl("B", null, () -> bToC.get().path())).start();
        for (String lane : new String[] {null, "gray"}) {
            DubboApps.App a = apps.app("hop-a" + (lane == null ? "" : "-" + lane), lane);
            ReferenceConfig<Hops.HopB> aToB = a.refer(Hops.HopB.class);
            a.provide(Hops.HopA.class, new Hops.Impl("A", lane, () -> aToB.get().path())).start();
        }
        DubboApps.App client = apps.app("hop-client", null);
        entry = client.refer(Hops.HopA.class);
        client.start();
        // Both A instances and both C instances registered and seen by their consumers.
        await().atMost(Duration.ofSeconds(30)).until(() -> callInLane("gray").get(0).startsWith("A|gray")
                && callInLane("gray").get(2).startsWith("C|gray"));
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    private static List<String> callInLane(String lane) {
        CallContext ctx = new CallContext("trace-" + lane, lane, "TESTER", "T1", "tester1");
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(ctx)) {
            return entry.get().path();
        }
    }

    @Test
    void grayLaneIsKeptOnEveryHopAndFallsBackWhereNoGrayInstanceExists() {
        List<String> path = callInLane("gray");
        assertThat(path).hasSize(3);
        assertThat(path.get(0)).startsWith("A|gray|gray|trace-gray|TESTER|T1|tester1");
        // B has no gray instance: served by baseline, but the request is still in lane gray...
        assertThat(path.get(1)).startsWith("B|baseline|gray|trace-gray|TESTER|T1|tester1");
        // ...so the next hop is tried in gray again.
        assertThat(path.get(2)).startsWith("C|gray|gray|trace-gray|TESTER|T1|tester1");
    }

    @Test
    void baselineCallsNeverReachALane() {
        for (int i = 0; i < 10; i++) {
            List<String> path = callInLane(null);
            assertThat(path).extracting(s -> s.split("\\|")[1]).containsOnly("baseline");
            assertThat(path).extracting(s -> s.split("\\|")[2]).containsOnly("null");
        }
    }

    @Test
    void aLaneWithNoInstanceAnywhereRunsOnBaseline() {
        List<String> path = callInLane("blue");
        assertThat(path).extracting(s -> s.split("\\|")[1]).containsOnly("baseline");
        assertThat(path).extracting(s -> s.split("\\|")[2]).containsOnly("blue");
    }

    @Test
    void aCallWithoutContextGetsOneTraceIdForAllHops() {
        List<String> path = entry.get().path();
        String trace = path.get(0).split("\\|")[3];
        assertThat(trace).hasSize(32);
        assertThat(path).extracting(s -> s.split("\\|")[3]).containsOnly(trace);
    }

    @Test
    void businessErrorsCrossUnchangedAndBugsNeverLeakInternals() {
        assertThatThrownBy(() -> callFail("business"))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("CONFLICT");
                    assertThat(e.getMessage()).isEqualTo("Booking is already confirmed");
                });
        assertThatThrownBy(() -> callFail("bug"))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("INTERNAL");
                    assertThat(e.getMessage()).contains("trace-err").doesNotContain("secret").doesNotContain("Secret");
                    assertThat(e.getStackTrace()).isEmpty();
                });
        // A deadlock victim rolled back: retryable CONFLICT; a database out of reach: UNAVAILABLE. Never a 500.
        assertThatThrownBy(() -> callFail("deadlock"))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("CONFLICT");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
        assertThatThrownBy(() -> callFail("db-down"))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("UNAVAILABLE");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    private static String callFail(String kind) {
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(new CallContext("trace-err", null, null, null, null))) {
            return entry.get().fail(kind);
        }
    }

    @Test
    void flowRuleFromConfigCenterRejectsBeyondItsLimitAndIsLiftedLive(TestInfrastructure infra) {
        DynamicConfiguration cc = ConfigCenter.connect(ApplicationModel.defaultModel(), infra.zooKeeper().dubboUrl());
        FlowRules.watch(cc, "hop-a");
        String resource = FlowRules.resourceOf(Hops.HopA.class, "ping");
        FlowRules.publish(cc, "hop-a", List.of(new FlowRules.RuleSpec(resource, 3, "QPS")));
        await().atMost(Duration.ofSeconds(10)).until(() -> countBlocked(20)[1] > 0);

        int[] passedBlocked = countBlocked(20);
        // 3 per second; the 20 calls may straddle two windows.
        assertThat(passedBlocked[0]).isBetween(0, 6);
        assertThat(passedBlocked[1]).isGreaterThanOrEqualTo(14);

        FlowRules.publish(cc, "hop-a", List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> countBlocked(20)[1] == 0);
    }

    @Test
    void withoutAFlowRuleCallsDoNotGoThroughSentinel() {
        assertThat(FlowRules.inForce()).isFalse();
        assertThat(callInLane(null)).hasSize(3);
        // Sentinel keeps a statistics node per resource it was entered for: none for B's and C's methods, which no
        // rule ever named (each hop is a consumer call and a provider call).
        assertThat(ClusterBuilderSlot.getClusterNodeMap().keySet()).map(r -> r.getName())
                .noneMatch(n -> n.contains(Hops.HopB.class.getName()) || n.contains(Hops.HopC.class.getName()));
    }

    /** Calls ping n times: {passed, blocked with TOO_MANY_REQUESTS}. Any other failure fails the test. */
    private static int[] countBlocked(int n) {
        int passed = 0;
        int blocked = 0;
        for (int i = 0; i < n; i++) {
            try {
                assertThat(entry.get().ping()).isEqualTo("pong");
                passed++;
            } catch (BusinessException e) {
                assertThat(e.getCode()).isEqualTo("TOO_MANY_REQUESTS");
                blocked++;
            }
        }
        return new int[] {passed, blocked};
    }
}
