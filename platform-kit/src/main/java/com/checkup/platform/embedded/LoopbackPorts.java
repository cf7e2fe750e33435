package com.checkup.platform.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on 127.0.0.1, chosen at run time (the machine may be shared). */
public final class LoopbackPorts {
    public static final String LOOPBACK = "127.0.0.1";
    /** Where we choose: just below the kernel's ephemeral range, so an outgoing connection never takes a port we chose. */
    private static final int[] RANGE = range();

    private LoopbackPorts() {
    }

    public static boolean isFree(int port) {
        if (port <= 0 || port > 65535) {
            return false;
        }
        try (ServerSocket s = new ServerSocket()) {
            // Like the servers we start: a port whose old connections linger in TIME_WAIT is free to listen on.
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free port p such that p+offset is free too for every offset given (servers that bind neighbours). */
    public static int freePortWithNeighbours(int... offsets) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(RANGE[0], RANGE[1]);
            boolean ok = isFree(p);
            for (int o : offsets) {
                ok = ok && isFree(p + o);
            }
            if (ok) {
                return p;
            }
        }
        throw new IllegalStateException("No free loopback port found after 200 attempts");
    }

    /**
     * [low, high) below the ephemeral range of /proc/sys/net/ipv4/ip_local_port_range (Linux's default 32768–60999 gives
     * 20758–32758). A port picked free can otherwise be taken by some process's outgoing connection before our server
     * binds it ("Address already in use"); ports outside that range are only ever taken by listeners.
     */
    static int[] range() {
        int ephemeralLow = 32768;
        try {
            String[] r = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            ephemeralLow = Integer.parseInt(r[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: assume the usual range
        }
        int high = ephemeralLow - 10; // room for neighbours (+1)
        int low = Math.max(10000, high - 12000);
        if (high - low < 2000) {
            // an ephemeral range starting unusually low leaves no band outside it: a wide one, and the bind check
            return new int[] {10000, 30000};
        }
        return new int[] {low, high};
    }

    public static int freePort() {
        return freePortWithNeighbours();
    }
}
