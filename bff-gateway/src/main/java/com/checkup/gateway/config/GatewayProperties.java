package com.checkup.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code checkup.gateway.*}: keys, users, limits of the gateway. */
@ConfigurationProperties("checkup.gateway")
public class GatewayProperties {
    private final Jwt jwt = new Jwt();
    private List<User> users = new ArrayList<>();
    /** Larger request bodies are refused with 413 before they are read to the end. */
    private int maxBodyBytes = 64 * 1024;
    /** Group of the gateway's documents (routes, limits, lane-rules) in the config center. */
    private String configGroup = "checkup-gateway";
    private final Login login = new Login();
    /**
     * Hospital-system hosts a connector flag may name ({@code host} or {@code host:port}); deployment config, the same
     * list hospital-sync-service enforces on every call. Empty: no HTTP connector can be set.
     */
    private List<String> connectorHosts = new ArrayList<>();
    /**
     * Proxies (IP addresses or CIDR blocks) whose {@code X-Forwarded-For} names the client: the ingress in front of
     * the gateway. Empty: the TCP peer is the client and the header is ignored.
     */
    private List<String> trustedProxies = new ArrayList<>();

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public List<String> getConnectorHosts() {
        return connectorHosts;
    }

    public void setConnectorHosts(List<String> connectorHosts) {
        this.connectorHosts = connectorHosts;
    }

    public Jwt getJwt() {
        return jwt;
    }

    public Login getLogin() {
        return login;
    }

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public String getConfigGroup() {
        return configGroup;
    }

    public void setConfigGroup(String configGroup) {
        this.configGroup = configGroup;
    }

    public static class Jwt {
        /** Base64 of at least 32 random bytes; from the environment (CHECKUP_JWT_SECRET), never from code. */
        private String secret;
        private Duration ttl = Duration.ofHours(1);
        /** During a rotation only: the other key (base64), whose tokens are believed but never issued. */
        private List<String> alsoAccepted = new ArrayList<>();

        public List<String> getAlsoAccepted() {
            return alsoAccepted;
        }

        public void setAlsoAccepted(List<String> alsoAccepted) {
            this.alsoAccepted = alsoAccepted;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }

    /** {@code checkup.gateway.login.*}: failed logins allowed per user name and per client address in a window. */
    public static class Login {
        private int failuresPerUser = 5;
        private int failuresPerAddress = 20;
        private Duration window = Duration.ofMinutes(1);
        /** Names (and, separately, addresses) remembered at most: the state stays bounded whatever is sprayed. */
        private int maxTracked = 20_000;

        public int getFailuresPerUser() {
            return failuresPerUser;
        }

        public void setFailuresPerUser(int failuresPerUser) {
            this.failuresPerUser = failuresPerUser;
        }

        public int getFailuresPerAddress() {
            return failuresPerAddress;
        }

        public void setFailuresPerAddress(int failuresPerAddress) {
            this.failuresPerAddress = failuresPerAddress;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public int getMaxTracked() {
            return maxTracked;
        }

        public void setMaxTracked(int maxTracked) {
            this.maxTracked = maxTracked;
        }
    }

    public static class User {
        private String username;
        /** {@link com.checkup.gateway.auth.PasswordHash} format. */
        private String passwordHash;
        private String persona;
        /** Hospital of a desk user, company of an HR user. */
        private String tenant;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public String getPersona() {
            return persona;
        }

        public void setPersona(String persona) {
            this.persona = persona;
        }

        public String getTenant() {
            return tenant;
        }

        public void setTenant(String tenant) {
            this.tenant = tenant;
        }
    }
}
