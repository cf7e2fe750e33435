package com.checkup.platform.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code checkup.*} settings of a service; local-platform passes the addresses, the rest has defaults. */
@ConfigurationProperties("checkup")
public class PlatformProperties {
    /** Seed this service's demo data at start (local platform only). */
    private boolean demoData;
    private final RocketMq rocketmq = new RocketMq();
    private final Outbox outbox = new Outbox();
    private final ConfigCenter configCenter = new ConfigCenter();
    private final Lanes lanes = new Lanes();
    private final Privacy privacy = new Privacy();

    public boolean isDemoData() {
        return demoData;
    }

    public void setDemoData(boolean demoData) {
        this.demoData = demoData;
    }

    public RocketMq getRocketmq() {
        return rocketmq;
    }

    public Outbox getOutbox() {
        return outbox;
    }

    public ConfigCenter getConfigCenter() {
        return configCenter;
    }

    public Lanes getLanes() {
        return lanes;
    }

    public Privacy getPrivacy() {
        return privacy;
    }

    public static class RocketMq {
        /** Name server address list, e.g. {@code 127.0.0.1:9876}. Without it no events are sent or consumed. */
        private String nameServer;
        /** Name-server poll and broker heartbeat interval of the clients. */
        private Duration clientInterval = Duration.ofSeconds(5);

        public String getNameServer() {
            return nameServer;
        }

        public void setNameServer(String nameServer) {
            this.nameServer = nameServer;
        }

        public Duration getClientInterval() {
            return clientInterval;
        }

        public void setClientInterval(Duration clientInterval) {
            this.clientInterval = clientInterval;
        }
    }

    public static class Outbox {
        /**
         * How often the relay looks for events left behind: a failed send's retry, a dead process's (after its lease).
         * An event committed here is handed to the relay at its commit and never waits for this.
         */
        private Duration pollInterval = Duration.ofSeconds(5);
        /** How long a relay owns a row while sending it. */
        private Duration lease = Duration.ofSeconds(30);

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }
    }

    public static class ConfigCenter {
        /** Config-center URL for flags and flow rules; defaults to Dubbo's config center, then its registry. */
        private String address;
        /** Credentials of the config center (Nacos auth in k8s); none locally. Never part of the address. */
        private String username;
        private String password;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }
    }

    public static class Lanes {
        /** How often a baseline consumer re-reads which lanes have consumers. */
        private Duration refreshInterval = Duration.ofSeconds(2);

        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }
    }

    /** Keys for personal fields (see FieldCipher); from the environment or a secret store, never from code. */
    public static class Privacy {
        /** Id of the key new values are encrypted with. */
        private String currentKey;
        /** Key id → base64 of 32 bytes. Keep retired keys here until no stored value uses them. */
        private java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();

        public String getCurrentKey() {
            return currentKey;
        }

        public void setCurrentKey(String currentKey) {
            this.currentKey = currentKey;
        }

        public java.util.Map<String, String> getKeys() {
            return keys;
        }

        public void setKeys(java.util.Map<String, String> keys) {
            this.keys = keys;
        }
    }
}
