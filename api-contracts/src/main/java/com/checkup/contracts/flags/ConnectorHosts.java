package com.checkup.contracts.flags;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hospital-system hosts a connector may reach, from deployment config ({@code host} or {@code host:port}, e.g.
 * {@code his.h001.example.cn:443}); nothing else, so a flag can never aim the platform (and examinees' data) at an
 * internal, link-local or cloud-metadata address. Checked when ops write the flag and again before every call.
 */
public final class ConnectorHosts {
    private final Set<String> allowed;

    private ConnectorHosts(Set<String> allowed) {
        this.allowed = allowed;
    }

    public static ConnectorHosts of(Collection<String> entries) {
        return new ConnectorHosts(entries.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    /** From a comma-separated list; empty allows nothing. */
    public static ConnectorHosts parse(String commaSeparated) {
        return of(commaSeparated == null ? Set.of() : Arrays.asList(commaSeparated.split(",")));
    }

    public boolean allows(URI url) {
        if (url == null || url.getHost() == null) {
            return false;
        }
        return allowed.contains(url.getHost().toLowerCase(Locale.ROOT)) || allowed.contains(authority(url));
    }

    /** {@code host:port} of the URL, the port made explicit (80 for http, 443 for https). */
    public static String authority(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        return url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "(none)" : String.join(",", allowed);
    }
}
