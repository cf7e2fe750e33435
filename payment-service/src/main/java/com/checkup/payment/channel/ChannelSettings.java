package com.checkup.payment.channel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code checkup.payment.*}: the callback secret of each channel (from config or the environment, never code) and
 * how the simulated channel behaves.
 */
@ConfigurationProperties("checkup.payment")
public class ChannelSettings {
    /** Channel name → HMAC secret of its callbacks. */
    private Map<String, String> secrets = new LinkedHashMap<>();
    private final Simulated simulated = new Simulated();

    public Map<String, String> getSecrets() {
        return secrets;
    }

    public void setSecrets(Map<String, String> secrets) {
        this.secrets = secrets;
    }

    public Simulated getSimulated() {
        return simulated;
    }

    public static class Simulated {
        /** The simulated channel exists only when this is set (local platform, tests); never in a real deployment. */
        private boolean enabled;
        /** How long the simulated channel takes to confirm. */
        private Duration delay = Duration.ofSeconds(2);
        /** Extra copies of every callback (channels do resend). */
        private int duplicates;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getDelay() {
            return delay;
        }

        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        public int getDuplicates() {
            return duplicates;
        }

        public void setDuplicates(int duplicates) {
            this.duplicates = duplicates;
        }
    }
}
