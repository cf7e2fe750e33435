package com.checkup.platform.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on 127.0.0.1, chosen at run time (the machine may be shared). */
public final class LoopbackPorts {
    public static final String LOOPBACK = "127.0.0.1";

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
            int p = ThreadLocalRandom.current().nextInt(20000, 40000);
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

    public static int freePort() {
        return freePortWithNeighbours();
    }
}
