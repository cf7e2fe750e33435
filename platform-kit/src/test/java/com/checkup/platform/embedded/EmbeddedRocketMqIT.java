package com.checkup.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
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

    /** No TLS: RocketMQ's default ("permissive") would answer a handshake with a certificate it generated at start. */
    @Test
    void theServersSpeakPlainTcpOnly() throws Exception {
        EmbeddedRocketMq mq = TestInfrastructure.get().rocketMq();
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        for (int port : new int[] {mq.namesrvPort(), mq.brokerPort()}) {
            try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket(LoopbackPorts.LOOPBACK, port)) {
                socket.setSoTimeout(5_000);
                assertThatThrownBy(socket::startHandshake).as("TLS handshake on port %d", port)
                        .isInstanceOf(IOException.class);
            }
        }
    }
}
