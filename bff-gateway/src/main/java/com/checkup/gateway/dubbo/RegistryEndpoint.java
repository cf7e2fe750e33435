package com.checkup.gateway.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.rpc.model.ApplicationModel;

import java.util.Objects;

/**
 * Where the gateway's registry or config center is ({@code zookeeper://} locally, {@code nacos://host:8848?namespace=…}
 * in k8s) and who it signs in as (Nacos auth; nobody locally). The credentials are configured apart from the address,
 * so no property or log line showing an address shows a password; they travel as the URL's user info, where Dubbo's
 * Nacos and ZooKeeper extensions read them.
 */
public final class RegistryEndpoint {
    private final URL url;

    private RegistryEndpoint(URL url) {
        this.url = url;
    }

    public static RegistryEndpoint of(String address, String username, String password) {
        for (String value : new String[] {address, username, password}) {
            if (value != null && value.contains("${")) {
                // Spring leaves a placeholder it cannot resolve as it is where a default was allowed: never sign in with it
                throw new IllegalStateException("The registry settings hold an unresolved placeholder, "
                        + value.substring(value.indexOf("${"), value.indexOf('}', value.indexOf("${")) + 1)
                        + ": set it in the environment (docs/k8s.md)");
            }
        }
        if (address == null || !address.contains("://")) {
            throw new IllegalStateException("A registry address is <protocol>://host:port, e.g. nacos://nacos:8848; got " + address);
        }
        URL url = URL.valueOf(address);
        if (username != null && !username.isEmpty()) {
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("A registry username is set but no password: set both or neither");
            }
            url = url.setUsername(username).setPassword(password);
        }
        return new RegistryEndpoint(url);
    }

    public String protocol() {
        return url.getProtocol();
    }

    /** For Dubbo's extension loaders (registry, config center). */
    public URL url(ApplicationModel app) {
        return url.setScopeModel(app);
    }

    /**
     * The address as the one string ShenYu's apache-dubbo plugin takes (its {@code register}), which it hands to
     * Dubbo's {@code RegistryConfig.setAddress} to parse back. Credentials that would not survive that parse (a
     * {@code /}, {@code ?} or {@code #} in them) are refused at start rather than cut silently.
     */
    public String shenyuRegister() {
        String full = url.toFullString();
        URL back;
        try {
            back = URL.valueOf(full);
        } catch (RuntimeException e) {
            back = null;
        }
        if (back == null || !Objects.equals(back.getUsername(), url.getUsername()) || !Objects.equals(back.getPassword(), url.getPassword())
                || !Objects.equals(back.getAddress(), url.getAddress()) || !back.getParameters().equals(url.getParameters())) {
            throw new IllegalStateException("The registry credentials hold a character ShenYu's Dubbo plugin cannot carry in "
                    + "its registry address (one of / ? #): choose a Nacos password without them");
        }
        return full;
    }

    /** The address without credentials, for logs and status pages. */
    @Override
    public String toString() {
        return new URL(url.getProtocol(), url.getHost(), url.getPort(), url.getPath(), url.getParameters()).toFullString();
    }
}
