package com.checkup.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded broker in this JVM, as every test JVM and the local platform start it. */
class EmbeddedRocketMqIT {

    @Test
    void theBrokerRunsWithoutTheTransactionMetricsThreadThatSpinsOnACore() {
        TestInfrastructure.get();
        List<String> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).toList();
        // The broker's own service threads are in this JVM (so the check below looks in the right place) ...
        assertThat(threads).contains("ReputMessageService");
        // ... but not the metrics flush, which busy-waits for its first 10 s (EmbeddedRocketMq#stopTransactionMetricsFlush).
        assertThat(threads).doesNotContain("TransactionFlushService");
    }
}
