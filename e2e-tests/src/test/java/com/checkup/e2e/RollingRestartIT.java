package com.checkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.localplatform.ServiceState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rolling update of every service, one at a time, while consumers book through the gateway: for each service a new
 * process starts and becomes ready (its Dubbo services in the registry), then the old one gets SIGTERM and drains
 * (out of the registry, in-flight calls and consumed messages finished) before it exits. No client may see a failure.
 */
@ExtendWith(E2ePlatform.class)
class RollingRestartIT {
    private static final List<String> ORDER = List.of("order-service", "payment-service", "booking-service",
            "message-service", "hospital-sync-service", "fulfillment-service");

    @Test
    void everyServiceReplacedInTurnUnderLoadWithoutAFailedRequest() throws Exception {
        var platform = E2ePlatform.platform();
        Map<String, Long> oldPids = pids(platform.serviceStates());
        FlowLoad.Result result;
        try (FlowLoad load = FlowLoad.start(4, "H002", 10, Duration.ofMinutes(6))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.flowsDone() >= 4 || !load.failuresSoFar().isEmpty());
            for (String service : ORDER) {
                int before = load.flowsDone();
                platform.replace(service);
                // Flows keep completing on the new instance before the next service goes.
                await().atMost(Duration.ofSeconds(60)).until(() -> load.flowsDone() >= before + 2
                        || !load.failuresSoFar().isEmpty());
                assertThat(load.failuresSoFar()).as("what clients saw while " + service + " was replaced").isEmpty();
            }
            result = load.stop();
        }
        assertThat(result.failures()).as("failed client requests").isEmpty();
        assertThat(result.flowsDone()).isGreaterThanOrEqualTo(4 + 2 * ORDER.size());
        Map<String, Long> newPids = pids(platform.serviceStates());
        for (String service : ORDER) {
            assertThat(newPids.get(service)).as(service + " runs as a new process").isNotEqualTo(oldPids.get(service));
            assertThat(ProcessHandle.of(oldPids.get(service)).map(ProcessHandle::isAlive).orElse(false))
                    .as("old " + service + " exited").isFalse();
        }
        System.out.printf("rolling restart: %d flows, %d requests, 0 failed%n", result.flowsDone(), result.requests());
    }

    private static Map<String, Long> pids(List<ServiceState> states) {
        Map<String, Long> pids = new LinkedHashMap<>();
        states.forEach(s -> pids.put(s.name(), s.pid()));
        return pids;
    }
}
