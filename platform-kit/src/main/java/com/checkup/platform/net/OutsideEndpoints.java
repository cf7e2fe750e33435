package com.checkup.platform.net;

import java.net.URI;
import java.util.Set;

/**
 * The one rule for addresses of outside parties (payment channels, SMS and e-mail providers, object storage): https,
 * except to a stand-in on this machine's loopback (the local platform's simulators, tests). Names only: nothing is
 * resolved, so a host name that happens to point at 127.0.0.1 is not taken for loopback.
 */
public final class OutsideEndpoints {
    private static final Set<String> LOOPBACK = Set.of("localhost", "::1", "[::1]");

    private OutsideEndpoints() {
    }

    /** {@code localhost}, {@code ::1} or an IPv4 literal in 127.0.0.0/8. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (LOOPBACK.contains(host)) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !"127".equals(parts[0])) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** True when the URL may be used: https anywhere, plain http only to loopback. */
    public static boolean secure(URI url) {
        if (url == null || url.getScheme() == null) {
            return false;
        }
        return "https".equalsIgnoreCase(url.getScheme())
                || "http".equalsIgnoreCase(url.getScheme()) && isLoopback(url.getHost());
    }
}
